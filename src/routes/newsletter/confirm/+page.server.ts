import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as newsletter from '$lib/server/newsletter';
import { sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// Double opt-in, step two. Opening the link only asks (mail scanners follow links); the
// button confirms. The random token in the link is the authorization.

export const load: PageServerLoad = ({ url }) => ({
	title: m.newsletter_confirm_title(),
	token: url.searchParams.get('token') ?? ''
});

export const actions = {
	default: async ({ request }) => {
		const token = String((await request.formData()).get('token') ?? '');
		if (!(await newsletter.subscriptions.confirm(sql(), token)))
			return fail(400, { invalid: true });
		return { done: true };
	}
} satisfies Actions;
