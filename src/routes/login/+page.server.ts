import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { accounts, tooManyAttempts } from '$lib/server/people';
import { secondStep, setSessionCookie } from '$lib/server/auth';
import { sql, clientOf, safeReturnTo } from '$lib/server/platform';
import { fields, formFailure, parse } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnTo(url.searchParams.get('returnTo'), '/profile'));
	return { title: m.login_title(), loggedOut: url.searchParams.has('loggedOut') };
};

const schema = z.object({ email: fields.email(), password: fields.password() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const result = await accounts.login(
			sql(),
			parsed.data.email,
			parsed.data.password,
			clientOf(event)
		);
		// Password right but a code to come: the two-factor step records the sign-in.
		if (result.kind !== 'second_factor')
			await audit.record(sql(), {
				...audit.origin(event),
				action: result.kind === 'ok' ? 'auth.sign_in' : 'auth.sign_in_failed',
				actorId: result.kind === 'ok' ? result.userId : null,
				details: { method: 'password', email: parsed.data.email, outcome: result.kind }
			});
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'invalid') return formFailure(form, m.login_invalid());
		if (result.kind === 'deactivated') return formFailure(form, m.login_deactivated(), 403);
		if (result.kind === 'second_factor') {
			secondStep.setCookie(event.cookies, event.url, result.challenge, result.expiresAt);
			const back = safeReturnTo(event.url.searchParams.get('returnTo'), '/profile');
			redirect(303, `/login/two-factor?returnTo=${encodeURIComponent(back)}`);
		}
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, safeReturnTo(event.url.searchParams.get('returnTo'), '/profile'));
	}
};
