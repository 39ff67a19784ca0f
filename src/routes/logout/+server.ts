import { redirect } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { sessions, clearSessionCookie } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	// Asked before the session goes: a session from an identity provider remembers which one.
	const issuer = locals.session ? await sso.sessionIssuer(sql(), locals.session.id) : null;
	const provider = issuer
		? await sso.endSession(sql(), locals.session!.id, `${url.origin}/login?loggedOut=1`)
		: null;
	if (locals.session) {
		await sessions.invalidate(sql(), locals.session.id);
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'auth.signed_out',
			details: { method: issuer ? 'oidc' : 'password', issuer }
		});
	}
	clearSessionCookie(cookies, url);
	if (provider) {
		cookies.set(sso.LOGOUT_COOKIE, JSON.stringify(provider), {
			path: '/logout/sso',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 10 * 60
		});
		redirect(303, '/logout/sso');
	}
	redirect(303, '/login?loggedOut=1');
};
