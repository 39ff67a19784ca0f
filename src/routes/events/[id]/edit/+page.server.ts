import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { toValues } from '$lib/server/events';
import { formFailure } from '$lib/server/forms';
import { formOptions, organizer, read, saveFurther, type Organizer } from '../../editor.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Editing an event: administrators, and the coordinators of the event's group.
async function editable(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const who: Organizer = await organizer(event);
	const found = await events.get(event.locals.supabase, event.params.id);
	if (!found) error(404, m.events_not_found());
	if (!events.canEdit(who.user, found, who.groups)) error(403, m.events_not_allowed());
	return { who, found };
}

export const load: PageServerLoad = async (event) => {
	const { who, found } = await editable(event);
	return {
		title: m.events_edit_title(),
		event: { id: found.id, title: found.title },
		...(await formOptions(event, who, found.groups)),
		initial: toValues(found)
	};
};

export const actions = {
	save: async (event) => {
		const { who, found } = await editable(event);
		const form = await event.request.formData();
		const submitted = read(form, who);
		if (!submitted.ok) return submitted.failure;
		const saved = await events.update(event.locals.supabase, found.id, submitted.data);
		if (!saved.ok) return formFailure(form, m.events_not_allowed(), 403);
		const linked = { id: found.id, linked: found.groups };
		if (!(await saveFurther(event, who, linked, submitted.further))) {
			return formFailure(form, m.meetings_groups_refused(), 403);
		}
		redirect(303, `/events/${found.id}?saved=1`);
	}
} satisfies Actions;
