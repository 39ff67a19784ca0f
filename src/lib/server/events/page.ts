import type { SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/platform';
import type { GroupChoice } from '../../events/types.ts';

// The events list's signed-in part in one call (public.events_page_mine, issue 17): the groups
// the person may organize events for, read and ordered as organizerGroups reads them, and their
// unread notification count for the header (notifications/unread.ts).

export async function pageMine(
	db: Db,
	user: SessionUser
): Promise<{ groups: GroupChoice[]; unread: number }> {
	const all = user.role === 'admin';
	const { data, error } = await db.rpc('events_page_mine', { p_all: all });
	if (error) throw new Error(`events: ${error.message}`);
	const { groups, unread } = data as { groups: GroupChoice[]; unread: number };
	// Administrators' groups come ordered by the database (as organizerGroups' .order('name')).
	if (!all) groups.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	return { groups, unread };
}
