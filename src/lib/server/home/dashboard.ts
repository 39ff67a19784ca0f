import type { EventSummary } from '$lib/events/types';
import { feedItems, type ActivityItem } from '$lib/server/activity';
import { library } from '$lib/server/documents';
import { toSummary as eventSummary } from '$lib/server/events';
import { inbox } from '$lib/server/notifications';
import type { Db } from '$lib/server/platform';
import {
	documentsOf,
	newsOf,
	startOf,
	teasersOf,
	type GroupNews,
	type MyDocument,
	type ResearchTeaser,
	type StartState
} from './home.ts';

// Everything the home page shows only to the signed-in person, in one round trip
// (public.home_dashboard, security invoker; issue 17: it was six PostgREST calls), with what the
// page shows everyone (the newest tools, the coming events: two calls more). Each part is read
// as the separate calls read it and mapped by the same functions.

export interface Dashboard {
	start: StartState | null;
	feed: ActivityItem[];
	news: GroupNews[];
	documents: MyDocument[];
	/** The newest unread notifications, and how many are unread in all. */
	notifications: inbox.Notification[];
	unread: number;
	/** The newest research on the person's goals (any goal when they chose none). */
	research: ResearchTeaser[];
	/** What the page shows everyone: the newest published tools and the coming events. */
	tools: library.LibraryItem[];
	events: EventSummary[];
}

export const DASHBOARD_SIZES = {
	feed: 10,
	documents: 5,
	notifications: 5,
	research: 4,
	tools: 4,
	events: 3
};

export async function dashboard(db: Db, sizes = DASHBOARD_SIZES): Promise<Dashboard> {
	const { data, error } = await db.rpc('home_dashboard', {
		p_feed: sizes.feed,
		p_documents: sizes.documents,
		p_notifications: sizes.notifications,
		p_research: sizes.research,
		p_tools: sizes.tools,
		p_events: sizes.events
	});
	if (error) throw new Error(`home: ${error.message}`);
	type Parts = 'feed' | 'news' | 'documents' | 'notifications' | 'research' | 'tools' | 'events';
	const d = data as Record<Parts, Record<string, unknown>[]> & {
		start: Record<string, unknown> | null;
		unread: number;
	};
	return {
		start: startOf(d.start),
		feed: feedItems(d.feed),
		news: newsOf(d.news),
		documents: documentsOf(d.documents),
		notifications: inbox.fromRows(d.notifications),
		unread: Number(d.unread),
		research: teasersOf(d.research),
		tools: d.tools.map(library.toItem),
		events: d.events.map(eventSummary)
	};
}
