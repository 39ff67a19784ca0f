import { redirect } from '@sveltejs/kit';
import { throttle } from '$lib/server/auth';
import { cleanParams } from '$lib/server/forms';
import { clientOf, safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { setFlowCookie } from '../../login/sso/cookies';
import type { RequestHandler } from './$types';

// Starts a re-authentication at the provider for an account without a password: a fresh
// sign-in there (prompt=login, max_age=0), back through the sign-in's callback to the page the
// person was on. A link, not a form, for the same reason as /login/sso/start (the CSP).
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const returnTo = safeReturnTo(cleanParams(url.searchParams).get('returnTo'), '/profile');
	if (!locals.user || !locals.session) {
		redirect(303, `/login?returnTo=${encodeURIComponent(returnTo)}`);
	}
	const page = `/reauth?returnTo=${encodeURIComponent(returnTo)}`;
	const verdict = await throttle.hitAll(sql(), [
		throttle.perIp('sso', clientOf(event).ip, throttle.limits.loginPerIp)
	]);
	if (!verdict.allowed) redirect(303, `${page}&error=busy`);
	const provider = await sso.reauthProvider(sql(), locals.user.id, locals.session.id);
	const callback = `${url.origin}${sso.CALLBACK_PATH}`;
	const who = { userId: locals.user.id, sessionId: locals.session.id };
	const started = provider && (await sso.start(sql(), provider.id, callback, returnTo, {}, who));
	if (!started) redirect(303, page);
	setFlowCookie(event.cookies, url, sso.FLOW_COOKIE, started.token);
	redirect(303, started.url.href);
};
