import * as agenda2030 from '$lib/server/agenda2030';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as events from '$lib/server/events';
import { signedIn } from '$lib/server/groups';
import { render } from '$lib/server/platform';

import { guest } from './guest.server';
import { cancel, register } from './registration.server';
import { createResults, linkResults, resultGroups, unlinkResults } from './results.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One event, if the visitor may see it (RLS); its description is member-written Markdown,
// rendered and sanitized on the server.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = locals.supabase;
	const [event, goals, groups] = await Promise.all([
		events.get(db, params.id),
		agenda2030.goals(db, getLocale()),
		locals.user ? events.organizerGroups(db, locals.user) : []
	]);
	if (!event) error(404, m.events_not_found());
	const isOrganizer = events.isOrganizer(locals.user, event, groups);
	const [places, mine, questions, sessions, results, organizer] = await Promise.all([
		events.registrations.places(db, event.id),
		locals.user ? events.registrations.mine(db, locals.user.id, event.id) : null,
		events.questions.list(db, event.id),
		events.programme.list(db, event.id),
		events.results.list(db, event.id),
		isOrganizer ? resultsOptions({ locals }, event) : null
	]);
	return {
		title: event.title,
		event,
		description: render(event.description),
		goals,
		places,
		mine,
		questions,
		hasProgramme: sessions.length > 0,
		signedIn: locals.user !== null,
		canEdit: events.canEdit(locals.user, event, groups),
		isOrganizer,
		results,
		resultsOrganizer: organizer,
		saved: url.searchParams.has('saved'),
		registered: url.searchParams.get('registered'),
		cancelled: url.searchParams.has('cancelled')
	};
};

/** What an organizer may do with results: the groups to create the document in, and the
 * readable documents of all the event's groups to link. */
async function resultsOptions(req: Pick<RequestEvent, 'locals'>, event: events.Event) {
	const ids = [...(event.groupId ? [event.groupId] : []), ...event.groups.map((g) => g.id)];
	const [groups, candidates] = await Promise.all([
		resultGroups(req, event),
		events.results.candidates(req.locals.supabase, ids)
	]);
	return { groups, candidates };
}

export const actions = {
	register,
	createResults,
	linkResults,
	unlinkResults,
	cancel,
	guest,
	delete: async (event) => {
		const user = signedIn(event);
		const db = event.locals.supabase;
		const found = await events.get(db, event.params.id);
		if (!found) error(404, m.events_not_found());
		const groups = await events.organizerGroups(db, user);
		if (!events.canEdit(user, found, groups)) error(403, m.events_not_allowed());
		if (!(await events.remove(db, found.id))) error(403, m.events_not_allowed());
		redirect(303, '/events?deleted=1');
	}
} satisfies Actions;
