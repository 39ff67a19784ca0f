import { m } from '$lib/paraglide/messages.js';
import { accounts, tooManyAttempts, profiles } from '$lib/server/people';
import { requireRecentAuth, sessions } from '$lib/server/auth';
import { clientOf, sql } from '$lib/server/platform';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import { failed, signedIn } from './guard';
import * as schemas from './schemas';
import type { RequestEvent } from './$types';

// The profile page's actions on credentials and sessions: privileged work through `sql()`,
// always for the signed-in person's own id. Re-entering the password guards both changes; the
// domain throttles those checks and the mail they send (429 with Retry-After). An account
// without a password proves itself by a recent sign-in at its provider instead (/reauth).

/** An address change for an account without a password: guarded by a recent re-authentication. */
async function emailWithoutPassword(event: RequestEvent, userId: string) {
	await requireRecentAuth(event);
	const form = await event.request.formData();
	const parsed = parse(schemas.emailOnly, form);
	if (!parsed.ok) return failed('email', parsed.failure);
	const { new_email } = parsed.data;
	const result = await accounts.sendEmailChange(sql(), userId, new_email, clientOf(event));
	if (result.kind === 'throttled') {
		return failed('email', tooManyAttempts(event, form, result.retryAfterSeconds));
	}
	if (result.kind === 'same') {
		return failed('email', fieldFailure(form, 'new_email', m.profile_email_same()));
	}
	return { section: 'email' as const, sentTo: new_email };
}

export async function email(event: RequestEvent) {
	const { user } = signedIn(event.locals);
	if (!(await accounts.hasPassword(sql(), user.id))) return emailWithoutPassword(event, user.id);
	const form = await event.request.formData();
	const parsed = parse(schemas.email, form);
	if (!parsed.ok) return failed('email', parsed.failure);
	const { email_password, new_email } = parsed.data;
	const result = await accounts.requestEmailChange(
		sql(),
		user.id,
		email_password,
		new_email,
		clientOf(event)
	);
	if (result.kind === 'throttled') {
		return failed('email', tooManyAttempts(event, form, result.retryAfterSeconds));
	}
	if (result.kind === 'wrong_password') {
		return failed('email', fieldFailure(form, 'email_password', m.profile_wrong_password()));
	}
	if (result.kind === 'same') {
		return failed('email', fieldFailure(form, 'new_email', m.profile_email_same()));
	}
	return { section: 'email' as const, sentTo: new_email };
}

export async function password(event: RequestEvent) {
	const { user, session } = signedIn(event.locals);
	const form = await event.request.formData();
	const account = await profiles.account(event.locals.supabase, user.id);
	const schema = schemas.password(() => [user.name, account?.email ?? '']);
	const parsed = parse(schema, form);
	if (!parsed.ok) return failed('password', parsed.failure);
	const others = (await sessions.listFor(sql(), user.id, session.id)).filter((s) => !s.current);
	const { current_password, new_password } = parsed.data;
	const result = await accounts.changePassword(
		sql(),
		user.id,
		session.id,
		{ current: current_password, next: new_password },
		clientOf(event)
	);
	if (result.kind === 'throttled') {
		return failed('password', tooManyAttempts(event, form, result.retryAfterSeconds));
	}
	if (result.kind === 'wrong_password') {
		return failed('password', fieldFailure(form, 'current_password', m.profile_wrong_password()));
	}
	return { section: 'password' as const, changed: true, signedOut: others.length };
}

/** The first password of an account made through a provider, after a fresh sign-in there. */
export async function setPassword(event: RequestEvent) {
	const { user, session } = signedIn(event.locals);
	await requireRecentAuth(event);
	const form = await event.request.formData();
	const account = await profiles.account(event.locals.supabase, user.id);
	const parsed = parse(
		schemas.firstPassword(() => [user.name, account?.email ?? '']),
		form
	);
	if (!parsed.ok) return failed('password', parsed.failure);
	const others = (await sessions.listFor(sql(), user.id, session.id)).filter((s) => !s.current);
	const next = parsed.data.new_password;
	const result = await accounts.setFirstPassword(sql(), user.id, session.id, next, clientOf(event));
	if (result.kind === 'throttled') {
		return failed('password', tooManyAttempts(event, form, result.retryAfterSeconds));
	}
	if (result.kind === 'has_password') {
		return failed('password', formFailure(form, m.profile_password_exists()));
	}
	return { section: 'password' as const, changed: true, first: true, signedOut: others.length };
}

export async function endSession({ request, locals }: RequestEvent) {
	const { user, session } = signedIn(locals);
	const form = await request.formData();
	const parsed = parse(schemas.session, form);
	if (!parsed.ok) return failed('sessions', parsed.failure);
	// This device signs out with the header's button, which also clears the cookie.
	if (parsed.data.session === session.id) {
		return failed('sessions', formFailure(form, m.field_invalid()));
	}
	const ended = await sessions.invalidateOwn(sql(), user.id, parsed.data.session);
	return { section: 'sessions' as const, ended: ended ? 1 : 0 };
}

export async function endOtherSessions({ locals }: RequestEvent) {
	const { user, session } = signedIn(locals);
	const ended = await sessions.invalidateAll(sql(), user.id, session.id);
	return { section: 'sessions' as const, ended, all: true };
}
