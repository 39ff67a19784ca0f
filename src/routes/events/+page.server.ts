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
	// One call (events.page); signed in it also counts the header's unread badge
	// (notifications/unread.ts).
	const reading = events.page(db, filters, locals.user);
	if (locals.user)
		offerUnreadFrom(
			locals,
			reading.then((p) => p.mine)
		);
	const [page, goals] = await Promise.all([reading, agenda2030.goals(db, getLocale())]);
	return {
		title: m.events_title(),
		filters,
		kinds: events.kinds,
		goals,
		upcoming: page.upcoming,
		past: page.past.items,
		pages: Math.max(1, Math.ceil(page.past.total / events.PAGE_SIZE)),
		canCreate: events.canCreate(locals.user, page.mine?.groups ?? []),
		signedIn: locals.user !== null,
		deleted: url.searchParams.has('deleted')
	};
};
