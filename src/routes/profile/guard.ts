import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as throttle from '$lib/server/auth/throttle';
import { sql } from '$lib/server/db';
import { formFailure, type FormFailure } from '$lib/server/forms/parse';

// Shared by the profile page's actions. Every action answers with the `section` it belongs to,
// so the page shows a message or an error next to the right form of the several it holds.

export type Section = 'details' | 'notifications' | 'email' | 'password' | 'sessions';

export const LOGIN = '/login?returnTo=/profile';

/** The signed-in person and their session, or a redirect to the login page. */
export function signedIn(locals: App.Locals) {
	if (!locals.user || !locals.session) redirect(303, LOGIN);
	return { user: locals.user, session: locals.session };
}

/** A failed form, marked with the section it came from. */
export function failed<S extends Section>(section: S, failure: ActionFailure<FormFailure>) {
	return fail(failure.status, { ...failure.data, section });
}

// Re-entering the password guards the address and the password itself; a stolen session must
// not become a way to guess it, so wrong attempts count as failed logins do.
const reauthKey = (userId: string) => `reauth:user:${userId}`;

/** A 429 failure when the person has entered a wrong password too often, otherwise null. */
export async function reauthThrottled<S extends Section>(
	section: S,
	form: FormData,
	userId: string
) {
	const verdict = await throttle.blocked(sql(), reauthKey(userId), throttle.limits.loginPerAccount);
	if (verdict.allowed) return null;
	const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
	return failed(section, formFailure(form, m.too_many_requests({ minutes }), 429));
}

export async function reauthOutcome(userId: string, ok: boolean): Promise<void> {
	if (ok) await throttle.reset(sql(), reauthKey(userId));
	else await throttle.hit(sql(), reauthKey(userId), throttle.limits.loginPerAccount);
}
