import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { throttle } from '$lib/server/auth';
import { fieldFailure, fields, parse } from '$lib/server/forms';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { refusalMessage } from './refusals';
import { setFlowCookie } from './cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnTo(url.searchParams.get('returnTo'), '/profile'));
	return {
		title: m.accounts_sso_title(),
		refusal: refusalMessage(url.searchParams.get('error')),
		returnTo: safeReturnTo(url.searchParams.get('returnTo'), '')
	};
};

const schema = z.object({ email: fields.email() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const client = clientOf(event);
		// Each start asks the provider for its settings and stores a flow: capped per network.
		const verdict = await throttle.hitAll(sql(), [
			throttle.perIp('sso', client.ip, throttle.limits.loginPerIp)
		]);
		if (!verdict.allowed) return tooManyAttempts(event, form, verdict.retryAfterSeconds);
		const provider = await sso.providers.forEmail(sql(), parsed.data.email);
		if (!provider) return fieldFailure(form, 'email', m.accounts_sso_no_provider());
		const returnTo = safeReturnTo(event.url.searchParams.get('returnTo'), '/profile');
		const callback = `${event.url.origin}${sso.CALLBACK_PATH}`;
		const started = await sso.start(sql(), provider.id, callback, returnTo);
		if (!started) return fieldFailure(form, 'email', m.accounts_sso_no_provider());
		setFlowCookie(event.cookies, event.url, sso.FLOW_COOKIE, started.token);
		redirect(303, started.url.href);
	}
};
