import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import type { Db } from '$lib/server/platform';
import { timeRange } from './schedule';

// Reads and saves the session form; returns the failure to show, or nothing when saved. The
// database refuses a room taken at that time and a time outside the event.
export async function saveSession(db: Db, eventId: string, id: string | null, form: FormData) {
	const unknown = await events.resolvePeople(form, (name) =>
		events.programme.findSpeakers(db, name, { limit: 2, exact: true })
	);
	if (unknown) {
		const message = m.meetings_speaker_not_found({ name: unknown.name });
		return fieldFailure(form, `speaker_search_${unknown.row}`, message);
	}
	const parsed = parse(events.sessionSchema, form);
	if (!parsed.ok) return parsed.failure;
	const input = events.toSessionInput(parsed.data);
	const saved = await events.programme.save(db, eventId, id, input);
	if (saved.ok) return null;
	if (saved.reason === 'room_taken') {
		const when = timeRange(saved.other.startsAt, saved.other.endsAt);
		const message = m.meetings_room_taken({ room: input.room, title: saved.other.title, when });
		return fieldFailure(form, 'room', message, 409);
	}
	if (saved.reason === 'outside_event') {
		return fieldFailure(form, 'starts_at', m.meetings_session_outside());
	}
	return formFailure(form, m.meetings_not_organizer(), 403);
}
