import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { accounts, retryAfter, retryMessage } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// The link in the e-mail opens this page; the address is confirmed by pressing its button
// (a POST), so mail scanners that fetch links do not use the token up.

export const load: PageServerLoad = ({ url }) => ({
	title: m.verify_title(),
	token: url.searchParams.get('token') ?? ''
});

export const actions: Actions = {
	confirm: async ({ request }) => {
		const token = String((await request.formData()).get('token') ?? '');
		const ok = await accounts.verifyEmail(sql(), token);
		return ok ? { verified: true } : fail(400, { verified: false });
	},
	resend: async (event) => {
		if (!event.locals.user) redirect(303, '/login');
		const result = await accounts.resendVerification(sql(), event.locals.user.id, clientOf(event));
		if (result.kind === 'throttled') {
			retryAfter(event, result.retryAfterSeconds);
			return fail(429, { resent: false, message: retryMessage(result.retryAfterSeconds) });
		}
		if (result.kind === 'verified') error(409, m.verify_ok());
		return { resent: true };
	}
};
