import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as agenda from '$lib/server/agenda2030';
import { offerUnreadFrom } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';
import type { PageServerLoad } from './$types';

// One goal: its text and targets, what in Erfa is linked to it (filtered by target,
// municipality and type through a GET form) and the member municipalities working on it.
// Row-level security decides what the visitor sees.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const parsed = agenda.goalNumber.safeParse(params.n);
	if (!parsed.success) error(404, m.agenda_goal_not_found());
	const n = parsed.data;
	const db = locals.supabase;
	const filters = agenda.filtersFrom(url.searchParams, n);
	// The goal's text is kept per process; everything else is one call (agenda.goalPage),
	// which also counts the header's unread badge (notifications/unread.ts).
	const reading = agenda.goalPage(db, n, filters);
	if (locals.user) offerUnreadFrom(locals, reading);
	const [goal, page] = await Promise.all([agenda.goal(db, n, getLocale()), reading]);
	if (!goal) error(404, m.agenda_goal_not_found());
	const choices = organizations.choicesFrom(page.choices);
	const linked = agenda.linkedFrom(page);
	const named = agenda.organizationsNamed(linked);
	const names = Object.fromEntries(
		choices.filter((o) => named.has(o.id)).map((o) => [o.id, o.name])
	);
	return {
		title: m.sdg_goal_label({ number: goal.number, name: goal.name }),
		signedIn: locals.user !== null,
		goal,
		filters,
		scope: agenda.scope(filters),
		linked,
		listSize: agenda.LIST_SIZE,
		organizationNames: names,
		municipalities: choices
			.filter((o) => o.kind === 'kommun' || o.kind === 'region')
			.map((o) => ({ value: o.id, label: o.name })),
		working: agenda.organizationsFrom(page.organizations)
	};
};
