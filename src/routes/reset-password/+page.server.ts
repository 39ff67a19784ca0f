import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { accounts, tooManyAttempts } from '$lib/server/people';
import { setSessionCookie } from '$lib/server/auth';
import { sql, clientOf } from '$lib/server/platform';
import { fields, formFailure, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	return { title: m.reset_title(), token, valid: await accounts.isResetTokenValid(sql(), token) };
};

const schema = z.object({ token: z.string(), password: fields.newPassword() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const result = await accounts.resetPassword(
			sql(),
			parsed.data.token,
			parsed.data.password,
			clientOf(event)
		);
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'invalid') return formFailure(form, m.reset_invalid());
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, '/profile?passwordReset=1');
	}
};
