import type { SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/platform';
import type { EventSummary, GroupChoice } from '../../events/types.ts';
import { PAGE_SIZE, UPCOMING_LIMIT, toSummary, type Filters } from './events.ts';

// The events list in one call (public.events_page, issue 17): the coming events and a page of
// past ones with their count, as upcoming() and past() read them, and for a signed-in person
// the groups they may organize events for (as organizerGroups reads and orders them) and their
// unread notification count for the header (notifications/unread.ts).

export interface EventsPage {
	upcoming: EventSummary[];
	past: { items: EventSummary[]; total: number };
	/** Signed in: the groups the person may organize events for, and their unread count. */
	mine: { groups: GroupChoice[]; unread: number } | null;
}

type Row = Record<string, unknown>;

export async function page(
	db: Db,
	filters: Filters,
	user: SessionUser | null
): Promise<EventsPage> {
	const all = user?.role === 'admin';
	const { data, error } = await db.rpc('events_page', {
		p_kind: filters.kind ?? null,
		p_goal: filters.goal ?? null,
		p_offset: (filters.page - 1) * PAGE_SIZE,
		p_limit: PAGE_SIZE,
		p_upcoming: UPCOMING_LIMIT,
		p_mine: user !== null,
		p_all: all
	});
	if (error) throw new Error(`events: ${error.message}`);
	const read = data as { upcoming: Row[]; past: Row[]; total: number } & {
		groups?: GroupChoice[];
		unread?: number;
	};
	// Administrators' groups come ordered by the database (as organizerGroups' .order('name')).
	if (read.groups && !all) read.groups.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	return {
		upcoming: read.upcoming.map(toSummary),
		past: { items: read.past.map(toSummary), total: Number(read.total) },
		mine: user && read.groups ? { groups: read.groups, unread: read.unread ?? 0 } : null
	};
}
