import type { Db } from '$lib/server/platform';
import { failed, fromRow, type Group, type GroupRow } from './rows.ts';

// The groups list's own parts for the signed-in person in one round trip (public.groups_page_mine,
// security invoker; issue 17: it was four calls): their proposals still waiting or declined (as
// decisions.ts myProposals reads them), how many open invitations reach their verified address
// (invitations.ts myInvitations, of which the list shows only the number), and their unread
// notifications for the header.

export interface ListPageMine {
	proposals: Group[];
	invitationCount: number;
	unread: number;
}

export async function listPageMine(db: Db): Promise<ListPageMine> {
	const { data, error } = await db.rpc('groups_page_mine');
	if (error) failed('groups.listPageMine', error);
	const d = data as { proposals: GroupRow[]; invitations: number; unread: number };
	return {
		proposals: d.proposals.map(fromRow),
		invitationCount: Number(d.invitations),
		unread: Number(d.unread)
	};
}
