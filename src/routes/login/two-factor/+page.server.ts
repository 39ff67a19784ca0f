import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { secondStep, setSessionCookie } from '$lib/server/auth';
import { tooManyAttempts } from '$lib/server/people';
import { sql, clientOf, safeReturnTo } from '$lib/server/platform';
import { fieldFailure, fields, formFailure, parse } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

// The second step of signing in: the password was right (login/+page.server.ts set the
// challenge cookie); a code from the app or a recovery code creates the session.

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const back = safeReturnTo(url.searchParams.get('returnTo'), '/profile');
	if (locals.user) redirect(303, back);
	const userId = await secondStep.pending(sql(), cookies.get(secondStep.CHALLENGE_COOKIE));
	return { title: m.security_login_title(), expired: !userId };
};

const schema = z.object({
	code: fields
		.string({ error: () => m.security_code_required() })
		.trim()
		.min(1, { error: () => m.security_code_required() })
		.max(40, { error: () => m.security_code_invalid() })
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const token = event.cookies.get(secondStep.CHALLENGE_COOKIE);
		const result = await secondStep.complete(sql(), token, parsed.data.code, clientOf(event));
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'expired') return formFailure(form, m.security_login_expired(), 400);
		const ok = result.kind === 'ok';
		await audit.record(sql(), {
			...audit.origin(event),
			action: ok ? 'auth.sign_in' : 'auth.sign_in_failed',
			actorId: ok ? result.userId : null,
			details: { method: ok && result.recovery ? 'recovery_code' : 'totp', outcome: result.kind }
		});
		if (result.kind === 'invalid') return fieldFailure(form, 'code', m.security_code_invalid());
		secondStep.clearCookie(event.cookies, event.url);
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		let back = safeReturnTo(event.url.searchParams.get('returnTo'), '/profile');
		if (result.recovery) back = '/profile/two-factor?recovery=1';
		redirect(303, back);
	}
};
