import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { throttle } from '$lib/server/auth';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import { fields, formFailure, parse, type FormFailure } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import {
	moderatorAccess,
	signedIn,
	memberships,
	joinRequests,
	invitations as groupInvitations
} from '$lib/server/groups';
import { longText } from '../../group-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The group's members; for coordinators and administrators also the requests to join, the
// invitations and the member management. Every action checks the rights again.

export const load: PageServerLoad = async (event) => {
	signedIn(event);
	const { group, canRead, canModerate } = await event.parent();
	const db = event.locals.supabase;
	const [members, requests, invitations] = await Promise.all([
		canRead ? memberships.members(db, group.id) : null,
		canModerate ? joinRequests.pendingRequests(db, group.id) : [],
		canModerate ? groupInvitations.pendingInvitations(db, group.id) : []
	]);
	return {
		title: `${m.groups_members_title()} – ${group.name}`,
		members,
		requests,
		invitations,
		me: event.locals.user!.id
	};
};

type Section = 'requests' | 'invite' | 'members';

function failed(section: Section, failure: ActionFailure<FormFailure>) {
	return fail(failure.status, { ...failure.data, section });
}

const done = (section: Section, notice: string) => ({ section, notice });

const id = z.uuid({ error: () => m.groups_field_invalid_id() });
const decideSchema = z.object({
	request: id,
	decision: z.enum(['approve', 'decline'], { error: () => m.field_invalid() }),
	message: longText(joinRequests.MESSAGE_MAX)
});
const inviteSchema = z.object({
	email: fields.email(),
	message: longText(joinRequests.MESSAGE_MAX)
});
const memberSchema = z.object({ user: id });
const roleSchema = z.object({ user: id, role: z.enum(['member', 'coordinator']) });
const invitationSchema = z.object({ invitation: id });

async function decide(event: RequestEvent) {
	const { user, group } = await moderatorAccess(event);
	const form = await event.request.formData();
	const parsed = parse(decideSchema, form);
	if (!parsed.ok) return failed('requests', parsed.failure);
	const db = event.locals.supabase;
	const { request, decision, message } = parsed.data;
	const pending = await joinRequests.pendingRequests(db, group.id);
	const requester = pending.find((r) => r.id === request);
	const name = requester?.name ?? '';
	const result = await joinRequests.decide(db, sql(), {
		group,
		requestId: request,
		approve: decision === 'approve',
		message,
		actorId: user.id
	});
	if (result === 'approved' || result === 'declined') {
		await audit.record(sql(), {
			...audit.origin(event),
			action: result === 'approved' ? 'group.request_approved' : 'group.request_declined',
			subject: requester ? { type: 'user', id: requester.userId, label: name } : null,
			details: { group: group.name, groupId: group.id }
		});
	}
	if (result === 'approved') return done('requests', m.groups_request_approved_done({ name }));
	if (result === 'declined') return done('requests', m.groups_request_declined_done({ name }));
	const problem =
		result === 'already_decided'
			? m.groups_request_decided_elsewhere()
			: result === 'invalid'
				? m.field_too_long({ max: joinRequests.MESSAGE_MAX })
				: m.groups_request_gone();
	return failed('requests', formFailure(form, problem, 409));
}

async function invite(event: RequestEvent) {
	const { user, group } = await moderatorAccess(event);
	const form = await event.request.formData();
	const parsed = parse(inviteSchema, form);
	if (!parsed.ok) return failed('invite', parsed.failure);
	const { email, message } = parsed.data;
	const client = clientOf(event);
	// Each invitation is an e-mail to an address the coordinator chose.
	const verdict = await throttle.hitAll(sql(), [
		throttle.perIp('invite', client.ip, throttle.limits.invitePerIp),
		throttle.perUser('invite', user.id, throttle.limits.invitePerUser),
		...throttle.recipient(email, client.ip)
	]);
	if (!verdict.allowed) {
		return failed('invite', tooManyAttempts(event, form, verdict.retryAfterSeconds));
	}
	const result = await groupInvitations.invite(event.locals.supabase, sql(), {
		group,
		email,
		message,
		inviter: { id: user.id, name: user.name },
		locale: getLocale()
	});
	if (result === 'invited') return done('invite', m.groups_invited({ email }));
	const problems = {
		already_invited: m.groups_already_invited({ email }),
		already_member: m.groups_invite_already_member({ email }),
		forbidden: m.groups_forbidden(),
		invalid: m.field_email_invalid()
	};
	return failed('invite', formFailure(form, problems[result], result === 'forbidden' ? 403 : 409));
}

async function cancelInvitation(event: RequestEvent) {
	const { group } = await moderatorAccess(event);
	const form = await event.request.formData();
	const parsed = parse(invitationSchema, form);
	if (!parsed.ok) return failed('invite', parsed.failure);
	const db = event.locals.supabase;
	const open = await groupInvitations.pendingInvitations(db, group.id);
	const email = open.find((i) => i.id === parsed.data.invitation)?.email ?? '';
	const cancelled = await groupInvitations.cancelInvitation(db, {
		groupId: group.id,
		invitationId: parsed.data.invitation
	});
	if (!cancelled) {
		return failed('invite', formFailure(form, m.groups_invitation_cancel_gone(), 409));
	}
	return done('invite', m.groups_invitation_cancelled({ email }));
}

async function memberName(event: RequestEvent, groupId: string, userId: string) {
	const list = await memberships.members(event.locals.supabase, groupId);
	return list.find((p) => p.userId === userId)?.name ?? null;
}

async function setRole(event: RequestEvent) {
	const { group } = await moderatorAccess(event);
	const form = await event.request.formData();
	const parsed = parse(roleSchema, form);
	if (!parsed.ok) return failed('members', parsed.failure);
	const { user: userId, role } = parsed.data;
	const name = await memberName(event, group.id, userId);
	const result = await memberships.setRole(event.locals.supabase, {
		groupId: group.id,
		userId,
		role
	});
	if (result === 'last_coordinator') {
		return failed('members', formFailure(form, m.groups_last_coordinator_other(), 409));
	}
	if (result === 'not_found' || !name) {
		return failed('members', formFailure(form, m.groups_member_gone(), 409));
	}
	await audit.record(sql(), {
		...audit.origin(event),
		action: 'group.member_role_changed',
		subject: { type: 'user', id: userId, label: name },
		details: { group: group.name, groupId: group.id, role }
	});
	const notice =
		role === 'coordinator'
			? m.groups_role_changed_coordinator({ name })
			: m.groups_role_changed_member({ name });
	return done('members', notice);
}

async function remove(event: RequestEvent) {
	const { group } = await moderatorAccess(event);
	const form = await event.request.formData();
	const parsed = parse(memberSchema, form);
	if (!parsed.ok) return failed('members', parsed.failure);
	const userId = parsed.data.user;
	const name = await memberName(event, group.id, userId);
	const result = await memberships.remove(event.locals.supabase, { groupId: group.id, userId });
	if (result === 'last_coordinator') {
		return failed('members', formFailure(form, m.groups_last_coordinator_other(), 409));
	}
	if (result === 'not_found' || !name) {
		return failed('members', formFailure(form, m.groups_member_gone(), 409));
	}
	await audit.record(sql(), {
		...audit.origin(event),
		action: 'group.member_removed',
		subject: { type: 'user', id: userId, label: name },
		details: { group: group.name, groupId: group.id }
	});
	return done('members', m.groups_removed({ name }));
}

export const actions = { decide, invite, cancelInvitation, setRole, remove } satisfies Actions;
