import type { Db } from '$lib/server/platform';
import type { OrganizationWork, WorkItem } from '../../activity/types.ts';

export type { OrganizationWork, WorkItem };

// What an organization's people do: their experiences, the groups they take part in and the
// documents they wrote in. public.organization_work() (migration 20261206000300) reads it under
// the caller's row-level security; only signed-in callers may ask.

export const WORK_SIZE = 20;

interface Row {
	kind: 'experience' | 'group' | 'document';
	id: string;
	title: string;
	group_slug: string;
	group_name: string;
	at: string | null;
	people: number | string | null;
}

export async function ofOrganization(
	db: Db,
	organizationId: string,
	limit = WORK_SIZE
): Promise<OrganizationWork> {
	const { data, error } = await db.rpc('organization_work', {
		p_organization: organizationId,
		p_limit: limit
	});
	if (error) throw new Error(`organization_work: ${error.message}`);
	const work: OrganizationWork = { experiences: [], groups: [], documents: [] };
	const lists = { experience: work.experiences, group: work.groups, document: work.documents };
	for (const r of data as Row[]) {
		const item: WorkItem = {
			id: r.id,
			title: r.title,
			group: { slug: r.group_slug, name: r.group_name },
			at: r.at,
			people: r.people === null ? null : Number(r.people)
		};
		lists[r.kind].push(item);
	}
	return work;
}
