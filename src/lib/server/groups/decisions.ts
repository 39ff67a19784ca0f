import type { Sql } from 'postgres';
import { m } from '../../paraglide/messages.js';
import { notify } from './notices.ts';
import {
	failed,
	fromRow,
	GROUP_COLUMNS,
	limits,
	type Group,
	type GroupRow,
	type Status
} from './rows.ts';
import type { Db } from '$lib/server/platform';

// The administrators' side of proposals: what waits for a decision, and the decision itself.
// Part of ./groups.ts, which re-exports these.

export type Decision =
	'approved' | 'declined' | 'already_decided' | 'forbidden' | 'not_found' | 'invalid';

/**
 * An administrator's decision on a proposal. Only a row still 'proposed' changes, so two
 * administrators deciding at once get one decision and one "already decided". Approving makes
 * the proposer the first coordinator (database trigger) and tells them.
 */
export async function decide(
	db: Db,
	privileged: Sql,
	input: { groupId: string; approve: boolean; note: string | null; actorId: string }
): Promise<Decision> {
	const note = input.note?.trim() || null;
	if (note && note.length > limits.note) return 'invalid';
	const { data, error } = await db
		.from('groups')
		.update({ status: input.approve ? 'active' : 'declined', decision_note: note })
		.eq('id', input.groupId)
		.eq('status', 'proposed')
		.select('id, slug, name, proposed_by');
	if (error?.code === '42501') return 'forbidden';
	if (error) failed('groups.decide', error);
	const row = (data as { id: string; slug: string; name: string; proposed_by: string | null }[])[0];
	if (!row) {
		const { data: seen } = await db.from('groups').select('status').eq('id', input.groupId);
		const status = (seen as { status: Status }[] | null)?.[0]?.status;
		if (!status) return 'not_found';
		return status === 'proposed' ? 'forbidden' : 'already_decided';
	}
	if (input.approve && row.proposed_by) {
		await notify(privileged, {
			kind: 'group_approved',
			groupId: row.id,
			actorId: input.actorId,
			link: `/groups/${row.slug}`,
			to: [row.proposed_by],
			params: { group: row.name },
			title: (locale) => m.groups_notice_approved({ group: row.name }, { locale })
		});
	}
	return input.approve ? 'approved' : 'declined';
}

export interface Proposal extends Group {
	proposer: { name: string; organization: string | null } | null;
}

/** Proposals waiting for a decision (administrators see all, others their own). */
export async function proposals(db: Db, status: Status[] = ['proposed']): Promise<Proposal[]> {
	const { data, error } = await db
		.from('groups')
		.select(
			`${GROUP_COLUMNS}, updated_at, proposer:profiles!groups_proposed_by_fkey(name, organization:organizations(name))`
		)
		.in('status', status)
		.order('updated_at', { ascending: false })
		.limit(100);
	if (error) failed('groups.proposals', error);
	type Row = GroupRow & {
		proposer: { name: string; organization: { name: string } | null } | null;
	};
	return (data as unknown as Row[]).map((r) => ({
		...fromRow(r),
		proposer: r.proposer && {
			name: r.proposer.name,
			organization: r.proposer.organization?.name ?? null
		}
	}));
}

/** The caller's own proposals that are not (or not yet) groups, with the administrators' note. */
export async function myProposals(db: Db, userId: string): Promise<Group[]> {
	const { data, error } = await db
		.from('groups')
		.select(GROUP_COLUMNS)
		.eq('proposed_by', userId)
		.in('status', ['proposed', 'declined'])
		.order('created_at', { ascending: false });
	if (error) failed('groups.myProposals', error);
	return (data as unknown as GroupRow[]).map(fromRow);
}
