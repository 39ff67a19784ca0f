import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as accounts from '$lib/server/accounts';
import { sql } from '$lib/server/db';
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
	resend: async ({ locals }) => {
		if (!locals.user) redirect(303, '/login');
		const result = await accounts.resendVerification(sql(), locals.user.id);
		if (result === 'throttled') return fail(429, { resent: false });
		if (result === 'verified') error(409, m.verify_ok());
		return { resent: true };
	}
};
