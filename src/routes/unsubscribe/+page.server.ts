import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { sql } from '$lib/server/platform';
import { unsubscribeLinks as links } from '$lib/server/notifications';
import type { Actions, PageServerLoad } from './$types';

// The unsubscribe link in every notification e-mail. Opening it only asks for confirmation
// (mail scanners follow links); the button turns notification e-mail off. No sign-in: the
// signed token in the link is the authorization (see $lib/server/notifications/unsubscribe).

export const load: PageServerLoad = ({ url }) => {
	const token = url.searchParams.get('token');
	return {
		title: m.notifications_unsubscribe_title(),
		token: links.verify(token) ? token : null
	};
};

export const actions = {
	default: async ({ request }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '');
		// Idempotent: a second click (or a double submit) finds it already off and says done.
		if (!(await links.unsubscribe(sql(), token))) return fail(400, { invalid: true });
		return { done: true };
	}
} satisfies Actions;
