import { json } from '@sveltejs/kit';
import * as events from '$lib/server/events';
import { cleanParams } from '$lib/server/forms';
import { organizing } from '../../organizer.server';
import type { RequestHandler } from './$types';

// The session form's speaker search: active members whose name contains `q`, for the event's
// organizers only (the form is theirs), at most eight.
export const GET: RequestHandler = async (req) => {
	const { db } = await organizing(req);
	const q = cleanParams(req.url.searchParams).get('q') ?? '';
	const people = await events.programme.findSpeakers(db, q);
	return json({ people }, { headers: { 'cache-control': 'private, no-store' } });
};
