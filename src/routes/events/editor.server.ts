import * as agenda2030 from '$lib/server/agenda2030';
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import type { SessionUser } from '$lib/server/auth';
import * as events from '$lib/server/events';
import { arrays, schema, toInput } from '$lib/server/events';
import { fieldFailure, parse } from '$lib/server/forms';
import { signedIn, themes } from '$lib/server/groups';
import { profiles } from '$lib/server/people';

// What the new and edit pages share: who may hold events (administrators, and coordinators for
// their groups), the form's choices, and reading a submitted form. Row-level security refuses
// the same writes; these checks give a clear answer first.

type Event = Pick<RequestEvent, 'locals' | 'url'>;

export interface Organizer {
	user: SessionUser;
	groups: events.GroupChoice[];
}

/** The signed-in person with the groups they may hold events for; 403 for anyone else. */
export async function organizer(event: Event): Promise<Organizer> {
	const user = signedIn(event);
	const groups = await events.organizerGroups(event.locals.supabase, user);
	if (!events.canCreate(user, groups)) error(403, m.events_not_allowed());
	return { user, groups };
}

export async function formOptions(event: Event, who: Organizer) {
	const db = event.locals.supabase;
	const [organizations, goals, themeList] = await Promise.all([
		profiles.organizationGroups(db),
		agenda2030.goals(db, getLocale()),
		themes.list(db)
	]);
	return {
		organizations,
		goals,
		groups: who.groups,
		kinds: events.kinds,
		modes: events.modes,
		themes: themeList.map((t) => ({ id: t.id, name: t.name })),
		groupRequired: who.user.role !== 'admin'
	};
}

/** The submitted event, or the failure to return: a coordinator's event belongs to one of
 * their groups; an administrator may choose any active group or none. */
export function read(form: FormData, who: Organizer) {
	const parsed = parse(schema, form, arrays);
	if (!parsed.ok) return parsed;
	const input = toInput(parsed.data);
	const known = input.groupId === null || who.groups.some((g) => g.id === input.groupId);
	if (!known || (input.groupId === null && who.user.role !== 'admin')) {
		return { ok: false as const, failure: fieldFailure(form, 'group', m.events_group_required()) };
	}
	return { ok: true as const, data: input };
}
