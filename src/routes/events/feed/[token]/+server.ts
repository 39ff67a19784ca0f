import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { forUser, restTargetFromEnv, sql } from '$lib/server/platform';
import type { RequestHandler } from './$types';

// The personal calendar feed, polled by calendar apps without a session: the secret token in
// the address says whose it is; the events are read as that person, so RLS decides.
export const GET: RequestHandler = async ({ params, url }) => {
	const token = params.token.replace(/\.ics$/, '');
	const owner = await events.feed.ownerOf(sql(), token);
	if (!owner) error(404, m.meetings_feed_unknown());
	const db = await forUser(restTargetFromEnv(), owner);
	const list = await events.feed.eventsFor(db, owner);
	const text = events.feedCalendar(list, url.origin, url.hostname, m.meetings_feed_name());
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store',
			'referrer-policy': 'no-referrer'
		}
	});
};
