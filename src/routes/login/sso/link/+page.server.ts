import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as audit from '$lib/server/audit';
import { setSessionCookie } from '$lib/server/auth';
import { fieldFailure, fields, formFailure, parse } from '$lib/server/forms';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { clearFlowCookie } from '../cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const pending = await sso.pendingLink(sql(), cookies.get(sso.LINK_COOKIE));
	return {
		title: m.accounts_sso_link_title(),
		pending: pending && { email: pending.email, organizationName: pending.organizationName }
	};
};

const schema = z.object({ password: fields.password() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const token = event.cookies.get(sso.LINK_COOKIE);
		const result = await sso.confirmLink(sql(), token, parsed.data.password, clientOf(event));
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'wrong_password') {
			return fieldFailure(form, 'password', m.accounts_sso_link_wrong_password());
		}
		if (result.kind !== 'linked') return formFailure(form, m.accounts_sso_link_expired(), 410);
		const who = { ...audit.origin(event), actorId: result.userId };
		await audit.record(sql(), { ...who, action: 'auth.account_linked' });
		await audit.record(sql(), {
			...who,
			action: 'auth.sign_in',
			details: { method: 'oidc', outcome: 'linked' }
		});
		clearFlowCookie(event.cookies, event.url, sso.LINK_COOKIE);
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, safeReturnTo(result.returnTo, '/profile'));
	}
};
