import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { calendar } from '$lib/server/events';
import { slugify } from '$lib/text/slug';
import type { RequestHandler } from './$types';

// One event as an .ics file for the visitor's calendar, if they may see the event.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const event = await events.get(locals.supabase, params.id);
	if (!event) error(404, m.events_not_found());
	const sessions = await events.programme.list(locals.supabase, event.id);
	const text = calendar(
		event,
		`${url.origin}/events/${event.id}`,
		url.hostname,
		sessions
			.filter((s) => s.kind === 'session')
			.map((s) => ({ ...s, speakers: s.speakers.map((p) => p.name) }))
	);
	const name = slugify(event.title) || 'event';
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
