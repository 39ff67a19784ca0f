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

/** Groups the form offers as further groups: those the person belongs to, and those already
 * linked (so that an editor may also unlink a group they are not part of). */
export async function linkable(event: Event, who: Organizer, linked: events.GroupChoice[] = []) {
	const mine = await events.eventGroups.joinable(event.locals.supabase, who.user);
	const extra = linked.filter((l) => !mine.some((g) => g.id === l.id));
	return [...mine, ...extra].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The signed-in person with the groups they may hold events for; 403 for anyone else. */
export async function organizer(event: Event): Promise<Organizer> {
	const user = signedIn(event);
	const groups = await events.organizerGroups(event.locals.supabase, user);
	if (!events.canCreate(user, groups)) error(403, m.events_not_allowed());
	return { user, groups };
}

export async function formOptions(event: Event, who: Organizer, linked: events.GroupChoice[] = []) {
	const db = event.locals.supabase;
	const [organizations, goals, themeList, further] = await Promise.all([
		profiles.organizationGroups(db),
		agenda2030.goals(db, getLocale()),
		themes.list(db),
		linkable(event, who, linked)
	]);
	return {
		organizations,
		goals,
		groups: who.groups,
		further,
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
	// The lead group is not also a further group.
	const further = parsed.data.groups.filter((id) => id !== input.groupId);
	return { ok: true as const, data: input, further };
}

/** Links the chosen further groups among those the form offered; false when RLS refused. */
export async function saveFurther(
	event: Event,
	who: Organizer,
	saved: { id: string; linked?: events.GroupChoice[] },
	chosen: string[]
): Promise<boolean> {
	const offered = (await linkable(event, who, saved.linked)).map((g) => g.id);
	return events.eventGroups.setLinked(event.locals.supabase, saved.id, offered, chosen);
}
