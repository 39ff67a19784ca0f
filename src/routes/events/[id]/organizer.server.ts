import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { signedIn } from '$lib/server/groups';

// The event's organizers (its creator, its group's coordinators, administrators), for the
// participant pages. RLS shows the list to them only; this gives others a clear 403 first.
export async function organizing(req: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const user = signedIn(req);
	const db = req.locals.supabase;
	const event = await events.get(db, (req.params as { id: string }).id);
	if (!event) error(404, m.events_not_found());
	const groups = await events.organizerGroups(db, user);
	if (!events.isOrganizer(user, event, groups)) error(403, m.meetings_not_organizer());
	return { user, db, event };
}
