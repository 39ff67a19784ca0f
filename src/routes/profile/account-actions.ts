import { m } from '$lib/paraglide/messages.js';
import * as accounts from '$lib/server/accounts';
import * as sessions from '$lib/server/auth/sessions';
import * as throttle from '$lib/server/auth/throttle';
import { sql } from '$lib/server/db';
import { fieldFailure, formFailure, parse } from '$lib/server/forms/parse';
import * as profiles from '$lib/server/profiles';
import { failed, reauthOutcome, reauthThrottled, signedIn } from './guard';
import * as schemas from './schemas';
import type { RequestEvent } from './$types';

// The profile page's actions on credentials and sessions: privileged work through `sql()`,
// always for the signed-in person's own id.

const mailKey = (userId: string) => `mail:user:${userId}`;

export async function email({ request, locals }: RequestEvent) {
	const { user } = signedIn(locals);
	const form = await request.formData();
	const parsed = parse(schemas.email, form);
	if (!parsed.ok) return failed('email', parsed.failure);
	const throttled = await reauthThrottled('email', form, user.id);
	if (throttled) return throttled;
	const mail = await throttle.blocked(sql(), mailKey(user.id), throttle.limits.mailPerAddress);
	if (!mail.allowed) {
		const minutes = Math.ceil(mail.retryAfterSeconds / 60);
		return failed('email', formFailure(form, m.too_many_requests({ minutes }), 429));
	}
	const { email_password, new_email } = parsed.data;
	const result = await accounts.requestEmailChange(sql(), user.id, email_password, new_email);
	await reauthOutcome(user.id, result !== 'wrong_password');
	if (result === 'wrong_password') {
		return failed('email', fieldFailure(form, 'email_password', m.profile_wrong_password()));
	}
	if (result === 'same') {
		return failed('email', fieldFailure(form, 'new_email', m.profile_email_same()));
	}
	await throttle.hit(sql(), mailKey(user.id), throttle.limits.mailPerAddress);
	return { section: 'email' as const, sentTo: new_email };
}

export async function password({ request, locals }: RequestEvent) {
	const { user, session } = signedIn(locals);
	const form = await request.formData();
	const account = await profiles.account(locals.supabase, user.id);
	const schema = schemas.password(() => [user.name, account?.email ?? '']);
	const parsed = parse(schema, form);
	if (!parsed.ok) return failed('password', parsed.failure);
	const throttled = await reauthThrottled('password', form, user.id);
	if (throttled) return throttled;
	const others = (await sessions.listFor(sql(), user.id, session.id)).filter((s) => !s.current);
	const { current_password, new_password } = parsed.data;
	const changed = await accounts.changePassword(
		sql(),
		user.id,
		session.id,
		current_password,
		new_password
	);
	await reauthOutcome(user.id, changed);
	if (!changed) {
		return failed('password', fieldFailure(form, 'current_password', m.profile_wrong_password()));
	}
	return { section: 'password' as const, changed: true, signedOut: others.length };
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
