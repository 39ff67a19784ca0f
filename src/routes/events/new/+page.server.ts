import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { toValues } from '$lib/server/events';
import { formFailure } from '$lib/server/forms';
import { formOptions, organizer, read, saveFurther } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

// A new event, by an administrator or (for one of their groups) a group's coordinator.
// ?group=<id> preselects the group, e.g. from a group's page.
export const load: PageServerLoad = async (event) => {
	const who = await organizer(event);
	const chosen = who.groups.find((g) => g.id === event.url.searchParams.get('group'))?.id;
	// Administrators start with no group (the network's event); coordinators with their group.
	const group = chosen ?? (who.user.role === 'admin' ? '' : (who.groups[0]?.id ?? ''));
	return {
		title: m.events_new_title(),
		...(await formOptions(event, who)),
		initial: toValues(null, group)
	};
};

export const actions = {
	save: async (event) => {
		const who = await organizer(event);
		const form = await event.request.formData();
		const submitted = read(form, who);
		if (!submitted.ok) return submitted.failure;
		const saved = await events.create(event.locals.supabase, who.user.id, submitted.data);
		if (!saved.ok) return formFailure(form, m.events_not_allowed(), 403);
		// Only offered groups are linked, so RLS refuses only when a membership ended meanwhile;
		// the event's page then shows the groups that were linked.
		await saveFurther(event, who, { id: saved.id }, submitted.further);
		redirect(303, `/events/${saved.id}?saved=1`);
	}
} satisfies Actions;
