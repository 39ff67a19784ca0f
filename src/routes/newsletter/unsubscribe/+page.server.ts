import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as newsletter from '$lib/server/newsletter';
import { sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// The unsubscribe link in every newsletter. Opening it only asks (mail scanners follow links);
// the button unsubscribes. No sign-in: the signed token is the authorization, and a forged or
// altered one is refused with a message, changing nothing.

export const load: PageServerLoad = ({ url }) => {
	const token = url.searchParams.get('token');
	return {
		title: m.newsletter_unsubscribe_title(),
		token: newsletter.verifyUnsubscribe(token) ? token : null
	};
};

export const actions = {
	default: async ({ request }) => {
		const token = String((await request.formData()).get('token') ?? '');
		// Idempotent: a second click finds it already done and says so.
		if (!(await newsletter.subscriptions.unsubscribe(sql(), token))) {
			return fail(400, { invalid: true });
		}
		return { done: true };
	}
} satisfies Actions;
