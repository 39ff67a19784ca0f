import { redirect } from '@sveltejs/kit';
import { sessions, clearSessionCookie } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	// Asked before the session goes: a session from an identity provider remembers which one.
	const provider = locals.session
		? await sso.endSession(sql(), locals.session.id, `${url.origin}/login?loggedOut=1`)
		: null;
	if (locals.session) await sessions.invalidate(sql(), locals.session.id);
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
