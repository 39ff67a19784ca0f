import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as accounts from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { sql } from '$lib/server/db';
import * as fields from '$lib/server/forms/fields';
import { formFailure, parse } from '$lib/server/forms/parse';
import { clientOf } from '$lib/server/request';
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
		const session = await accounts.resetPassword(
			sql(),
			parsed.data.token,
			parsed.data.password,
			clientOf(event)
		);
		if (!session) return formFailure(form, m.reset_invalid());
		setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
		redirect(303, '/profile?passwordReset=1');
	}
};
