import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as agenda2030 from '$lib/server/agenda2030';
import * as groups from '$lib/server/groups';
import {
	groupAccess,
	signedIn,
	memberships,
	joinRequests,
	invitations as groupInvitations
} from '$lib/server/groups';
import { formFailure, parse } from '$lib/server/forms';
import { sql, render } from '$lib/server/platform';
import { longText } from '../group-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The group's overview: what it is, who coordinates it, who takes part, and the one membership
// action that fits the visitor (join, ask to join, withdraw the request, leave).

const SHOWN_MEMBERS = 24;

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const { group, membership, canRead } = await event.parent();
	const db = event.locals.supabase;
	const outsider = !membership;
	const [content, request, goals, invitations] = await Promise.all([
		// Members, linked research, the radar and activity only for those who may read the group's
		// content (RLS would hide them anyway); the events held by or with the group for everyone.
		// Read with the group by the layout; read here only if it did not.
		groups.pageOverview(event.locals) ??
			groups.overview(db, group.id, canRead, { radarHits: groups.PAGE_OVERVIEW.radarHits }),
		outsider && group.visibility === 'closed'
			? joinRequests.myRequest(db, group.id, user.id)
			: null,
		agenda2030.goals(db, getLocale()),
		outsider ? groupInvitations.myInvitations(db, user.id) : null
	]);
	const { members, links: linked, activity: recent, events: coming, radar: hits } = content;
	// Whom to ask is shown to everyone signed in, even when the members are not.
	const coordinators = members
		? members
				.filter((p) => p.role === 'coordinator')
				.map((p) => ({ name: p.name, organization: p.organization?.name ?? null }))
		: await groups.coordinatorsOf(sql(), group.id);
	return {
		description: group.description.trim() ? render(group.description) : null,
		coordinators,
		members: members?.slice(0, SHOWN_MEMBERS) ?? null,
		memberCount: members?.length ?? null,
		request,
		// Only the group's goals are shown (GoalTiles' `selected`): the other tiles' names would be
		// serialised into every overview for nothing (issue 17).
		goals: goals.filter((g) => group.sdgGoals.includes(g.number)),
		invited: invitations?.invitations.some((i) => i.group.slug === group.slug) ?? false,
		proposed: event.url.searchParams.has('proposed'),
		activity: recent,
		events: coming,
		radar: { hits, linked } // the group's own links (not its experiences' or documents')
	};
};

const requestSchema = z.object({ message: longText(joinRequests.MESSAGE_MAX) });

async function join(event: RequestEvent) {
	const { user, group, role } = await groupAccess(event);
	const form = await event.request.formData();
	if (role) return formFailure(form, m.groups_already_member(), 409);
	if (group.status !== 'active') return formFailure(form, m.groups_not_active(), 409);
	const result = await memberships.join(event.locals.supabase, group.id, user.id);
	if (result === 'not_open') return formFailure(form, m.groups_not_open(), 403);
	return { notice: result === 'joined' ? m.groups_joined() : m.groups_already_member() };
}

async function request(event: RequestEvent) {
	const { user, group, role } = await groupAccess(event);
	const form = await event.request.formData();
	const parsed = parse(requestSchema, form);
	if (!parsed.ok) return parsed.failure;
	if (role) return formFailure(form, m.groups_already_member(), 409);
	if (group.status !== 'active') return formFailure(form, m.groups_not_active(), 409);
	const result = await joinRequests.requestToJoin(event.locals.supabase, sql(), {
		group,
		userId: user.id,
		userName: user.name,
		message: parsed.data.message
	});
	if (result === 'requested') return { notice: m.groups_requested() };
	const problems = {
		already_pending: m.groups_request_already_pending(),
		already_member: m.groups_already_member(),
		not_closed: m.groups_not_closed(),
		invalid: m.field_too_long({ max: joinRequests.MESSAGE_MAX })
	};
	return formFailure(form, problems[result], result === 'invalid' ? 400 : 409);
}

async function withdraw(event: RequestEvent) {
	const { user, group } = await groupAccess(event);
	const form = await event.request.formData();
	const done = await joinRequests.withdraw(event.locals.supabase, group.id, user.id);
	if (!done) return formFailure(form, m.groups_request_already_decided(), 409);
	return { notice: m.groups_request_withdrawn() };
}

async function leave(event: RequestEvent) {
	const { user, group } = await groupAccess(event);
	const form = await event.request.formData();
	const result = await memberships.leave(event.locals.supabase, group.id, user.id);
	if (result === 'last_coordinator') return formFailure(form, m.groups_last_coordinator(), 409);
	if (result === 'not_member') return formFailure(form, m.groups_not_member(), 409);
	return { notice: m.groups_left() };
}

export const actions = { join, request, withdraw, leave } satisfies Actions;
