import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { FormFailure } from '$lib/server/forms';

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
