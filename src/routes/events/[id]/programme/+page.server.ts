import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { render } from '$lib/server/platform';
import type { PageServerLoad } from './$types';

// The public "programme and documentation" page: the day schedule, and after the day each
// session's summary, recording and slides. As readable as the event (RLS).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = locals.supabase;
	const [event, groups] = await Promise.all([
		events.get(db, params.id),
		locals.user ? events.organizerGroups(db, locals.user) : []
	]);
	if (!event) error(404, m.events_not_found());
	const [sessions, results] = await Promise.all([
		events.programme.list(db, event.id),
		events.results.list(db, event.id)
	]);
	return {
		title: m.meetings_programme_title({ title: event.title }),
		event: {
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			endsAt: event.endsAt,
			location: event.location
		},
		sessions: sessions.map((s) => ({ ...s, summaryHtml: render(s.summary) })),
		results,
		view: url.searchParams.get('view') === 'tracks' ? ('tracks' as const) : ('time' as const),
		isOrganizer: events.isOrganizer(locals.user, event, groups),
		saved: url.searchParams.get('saved')
	};
};
