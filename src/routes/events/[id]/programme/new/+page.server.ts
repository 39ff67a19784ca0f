import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { organizing } from '../../organizer.server';
import { saveSession } from '../session.server';
import type { Actions, PageServerLoad } from './$types';

// Adding a programme item (the event's organizers).
export const load: PageServerLoad = async (req) => {
	const { event } = await organizing(req);
	return {
		title: m.meetings_add_session(),
		event: { id: event.id, title: event.title },
		speakerRows: events.SPEAKER_ROWS,
		initial: events.sessionValues(null, event.startsAt)
	};
};

export const actions = {
	save: async (req) => {
		const { db, event } = await organizing(req);
		const result = await saveSession(db, event.id, null, await req.request.formData());
		if (result) return result;
		redirect(303, `/events/${event.id}/programme?saved=1`);
	}
} satisfies Actions;
