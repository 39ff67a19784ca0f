import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { recentAuth, twoFactor } from '$lib/server/auth';
import { accounts, confirmIdentity, tooManyAttempts } from '$lib/server/people';
import * as sso from '$lib/server/sso';
import { refusalMessage } from '../login/sso/refusals';
import { sql, clientOf, safeReturnTo } from '$lib/server/platform';
import { fieldFailure, fields, parse } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

// Re-authentication before sensitive actions (auth/recent.ts sends people here): the password,
// and a code when the person has two-factor; then back to the page they were on. An account
// without a password signs in again at its identity provider instead (/reauth/sso).

function signedIn(locals: App.Locals, url: URL) {
	if (!locals.user || !locals.session) {
		redirect(303, `/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user: locals.user, session: locals.session };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, session } = signedIn(locals, url);
	const [withCode, password, provider] = await Promise.all([
		twoFactor.isEnabled(sql(), user.id),
		accounts.hasPassword(sql(), user.id),
		sso.reauthProvider(sql(), user.id, session.id)
	]);
	const returnTo = safeReturnTo(url.searchParams.get('returnTo'), '/profile');
	return {
		title: m.security_reauth_title(),
		withCode,
		// Without a password: the provider, or (none left) the way to get a password.
		method: password ? ('password' as const) : provider ? ('provider' as const) : ('none' as const),
		provider: provider?.name ?? null,
		providerHref: `/reauth/sso?returnTo=${encodeURIComponent(returnTo)}`,
		refusal: refusalMessage(url.searchParams.get('error')),
		minutes: recentAuth.RECENT_MINUTES
	};
};

const schema = z.object({
	password: fields.password(),
	code: fields.string().trim().max(40).optional()
});

export const actions: Actions = {
	default: async (event) => {
		const { user, session } = signedIn(event.locals, event.url);
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const result = await confirmIdentity(
			sql(),
			{ userId: user.id, sessionId: session.id },
			parsed.data,
			clientOf(event)
		);
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'wrong_password') {
			return fieldFailure(form, 'password', m.profile_wrong_password());
		}
		if (result.kind === 'code_required') {
			return fieldFailure(form, 'code', m.security_code_required());
		}
		if (result.kind === 'wrong_code') return fieldFailure(form, 'code', m.security_code_invalid());
		const method = (await twoFactor.isEnabled(sql(), user.id)) ? 'password+totp' : 'password';
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'auth.reauthenticated',
			details: { method }
		});
		const back = safeReturnTo(event.url.searchParams.get('returnTo'), '/profile');
		redirect(303, `${back}${back.includes('?') ? '&' : '?'}reauthenticated=1`);
	}
};
