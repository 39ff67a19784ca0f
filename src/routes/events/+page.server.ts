import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as events from '$lib/server/events';
import { offerUnreadFrom } from '$lib/server/notifications';

import type { PageServerLoad } from './$types';

// Upcoming events first, then past ones page by page; filtered by kind and goal through a GET
// form. Row-level security decides which events the visitor sees.
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = locals.supabase;
	const filters = events.filtersFrom(url.searchParams);
	const mine = locals.user ? events.pageMine(db, locals.user) : null;
	// The header's unread badge comes from the same call (notifications/unread.ts).
	offerUnreadFrom(locals, mine);
	const [upcoming, past, goals, groups] = await Promise.all([
		events.upcoming(db, filters),
		events.past(db, filters),
		agenda2030.goals(db, getLocale()),
		mine ? mine.then((m) => m.groups) : []
	]);
	return {
		title: m.events_title(),
		filters,
		kinds: events.kinds,
		goals,
		upcoming,
		past: past.items,
		pages: Math.max(1, Math.ceil(past.total / events.PAGE_SIZE)),
		canCreate: events.canCreate(locals.user, groups),
		signedIn: locals.user !== null,
		deleted: url.searchParams.has('deleted')
	};
};
