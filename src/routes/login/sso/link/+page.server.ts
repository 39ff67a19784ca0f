import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fieldFailure, fields, formFailure, parse } from '$lib/server/forms';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { signedInByLink } from './linked';
import type { Actions, PageServerLoad } from './$types';

// The account is proved once: by its password, or, without one, by a link mailed to it (the
// link ends at ./confirm and comes back here with ?error= when it cannot be used).
const errors = z.enum(['elsewhere', 'wrong_link']).optional().catch(undefined);

export const load: PageServerLoad = async ({ cookies, url }) => {
	const pending = await sso.pendingLink(sql(), cookies.get(sso.LINK_COOKIE));
	return {
		title: m.accounts_sso_link_title(),
		error: errors.parse(url.searchParams.get('error') ?? undefined),
		pending: pending && {
			email: pending.email,
			organizationName: pending.organizationName,
			hasPassword: pending.hasPassword,
			mailed: pending.mailed
		}
	};
};

const schema = z.object({ password: fields.password() });

const expired = (form: FormData) => formFailure(form, m.accounts_sso_link_expired(), 410);

export const actions: Actions = {
	password: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const token = event.cookies.get(sso.LINK_COOKIE);
		const result = await sso.confirmLink(sql(), token, parsed.data.password, clientOf(event));
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'wrong_password') {
			return fieldFailure(form, 'password', m.accounts_sso_link_wrong_password());
		}
		if (result.kind !== 'linked') return expired(form);
		redirect(303, await signedInByLink(event, result));
	},
	mail: async (event) => {
		const form = await event.request.formData();
		const token = event.cookies.get(sso.LINK_COOKIE);
		const result = await sso.mailLink(sql(), token, clientOf(event));
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind !== 'sent') return expired(form);
		return { sent: true };
	}
};
