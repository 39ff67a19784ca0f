import type { Db } from '$lib/server/platform';
import type { LinkStatus, ResearchLink, TargetChoice } from '../../research/types.ts';
export type { LinkStatus, ResearchLink, TargetChoice };

// "This is relevant to us": links between a research record and a group, an experience or a
// document. Anyone signed in who can read both ends proposes one with a note; the research's
// editor or the group's coordinator (never the proposer) confirms or declines. RLS shows a link
// only to people who may read both ends, so closed groups' links never leak.

export type LinkTarget =
	| { kind: 'group'; groupId: string }
	| { kind: 'experience'; groupId: string; experienceId: string }
	| { kind: 'document'; groupId: string; documentId: string };

const columns =
	'id, research_id, note, status, proposed_by, created_at, research:research(id, title, year), ' +
	'group:groups(id, slug, name), experience:experiences(id, title), document:documents(id, title)';

type Row = Record<string, unknown>;
/** A link row with its embeds (as PostgREST and public.group_overview give them). */
export const toLink = (r: Row): ResearchLink => ({
	id: r.id as string,
	researchId: r.research_id as string,
	research: (r.research as ResearchLink['research']) ?? null,
	group: (r.group as ResearchLink['group']) ?? null,
	experience: (r.experience as ResearchLink['experience']) ?? null,
	document: (r.document as ResearchLink['document']) ?? null,
	note: r.note as string,
	status: r.status as LinkStatus,
	proposedBy: r.proposed_by as string | null,
	createdAt: r.created_at as string
});

function failed(error: { message: string }): never {
	throw new Error(`research links: ${error.message}`);
}

export type Proposed =
	{ ok: true; id: string } | { ok: false; reason: 'already_linked' | 'not_allowed' };

export async function propose(
	db: Db,
	proposerId: string,
	researchId: string,
	target: LinkTarget,
	note: string
): Promise<Proposed> {
	const { data, error } = await db
		.from('research_links')
		.insert({
			research_id: researchId,
			group_id: target.groupId,
			experience_id: target.kind === 'experience' ? target.experienceId : null,
			document_id: target.kind === 'document' ? target.documentId : null,
			note,
			proposed_by: proposerId
		})
		.select('id')
		.single();
	if (error?.code === '23505') return { ok: false, reason: 'already_linked' };
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }).id };
}

/** Confirms or declines a proposed link; false when the caller may not decide on it. */
export async function decide(
	db: Db,
	linkId: string,
	decision: 'confirmed' | 'declined',
	deciderId: string
): Promise<ResearchLink | null> {
	const { data, error } = await db
		.from('research_links')
		.update({ status: decision, decided_by: deciderId, decided_at: new Date().toISOString() })
		.eq('id', linkId)
		.eq('status', 'proposed')
		.select(columns);
	if (error) failed(error);
	const rows = data as unknown as Row[];
	return rows.length ? toLink(rows[0]!) : null;
}

/** Links of a research record the caller may see (confirmed, and proposals they made or decide). */
export async function forResearch(db: Db, researchId: string): Promise<ResearchLink[]> {
	const { data, error } = await db
		.from('research_links')
		.select(columns)
		.eq('research_id', researchId)
		.neq('status', 'declined')
		.order('created_at');
	if (error) failed(error);
	return (data as unknown as Row[]).map(toLink);
}

/** Links to a group itself, one of its experiences or documents. */
export async function forTarget(db: Db, target: LinkTarget): Promise<ResearchLink[]> {
	let query = db.from('research_links').select(columns).neq('status', 'declined');
	if (target.kind === 'group')
		query = query.eq('group_id', target.groupId).is('experience_id', null).is('document_id', null);
	if (target.kind === 'experience') query = query.eq('experience_id', target.experienceId);
	if (target.kind === 'document') query = query.eq('document_id', target.documentId);
	const { data, error } = await query.order('created_at', { ascending: false }).limit(100);
	if (error) failed(error);
	return (data as unknown as Row[]).map(toLink);
}

/** The link's place, for notifications and redirects. */
export function targetPath(link: ResearchLink): string {
	if (link.document) return `/docs/${link.document.id}`;
	if (link.experience && link.group)
		return `/groups/${link.group.slug}/experiences/${link.experience.id}`;
	return link.group ? `/groups/${link.group.slug}` : '/research';
}

/**
 * What the person can link research to: the groups they are in and those groups' documents.
 * Values are `group:<id>` or `document:<id>` (see parseTarget).
 */
export async function choicesFor(db: Db, userId: string): Promise<TargetChoice[]> {
	const { data, error } = await db
		.from('group_members')
		.select('group:groups(id, name, status, documents(id, title))')
		.eq('user_id', userId);
	if (error) failed(error);
	type G = { id: string; name: string; status: string; documents: { id: string; title: string }[] };
	const groups = (data as unknown as { group: G | null }[])
		.map((r) => r.group)
		.filter((g): g is G => g !== null && g.status === 'active')
		.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	return groups.flatMap((g) => [
		{ value: `group:${g.id}`, label: g.name, group: g.name },
		...g.documents.map((d) => ({ value: `document:${d.id}`, label: d.title, group: g.name }))
	]);
}

const TARGET = /^(group|document|experience):([0-9a-f-]{36})$/;

/** A chosen target, with the group it belongs to looked up through RLS; null if unreadable. */
export async function parseTarget(db: Db, value: string): Promise<LinkTarget | null> {
	const match = TARGET.exec(value);
	if (!match) return null;
	const [, kind, id] = match as unknown as [string, LinkTarget['kind'], string];
	if (kind === 'group') return { kind, groupId: id };
	const table = kind === 'document' ? 'documents' : 'experiences';
	const { data } = await db.from(table).select('group_id').eq('id', id).maybeSingle();
	const groupId = (data as { group_id: string } | null)?.group_id;
	if (!groupId) return null;
	return kind === 'document'
		? { kind, groupId, documentId: id }
		: { kind, groupId, experienceId: id };
}
