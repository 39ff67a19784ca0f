import { redirect } from '@sveltejs/kit';
import { throttle } from '$lib/server/auth';
import { cleanParams, fields } from '$lib/server/forms';
import { clientOf, safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { setFlowCookie } from '../cookies';
import type { RequestHandler } from './$types';

// Starts a sign-in at the provider for an address's domain. A link (GET), not a form: the
// page's CSP allows forms to post only to Erfa itself, and that covers where they redirect,
// so a form could never send the browser on to the provider. Starting a flow changes nothing
// for the person until they finish it at their provider, which the state and nonce bind.
export const GET: RequestHandler = async (event) => {
	const params = cleanParams(event.url.searchParams);
	const returnTo = safeReturnTo(params.get('returnTo'), '/profile');
	const back = `/login/sso?returnTo=${encodeURIComponent(returnTo)}`;
	const email = fields.email().safeParse(params.get('email') ?? '');
	if (!email.success) redirect(303, back);
	const client = clientOf(event);
	// Each start asks the provider for its settings and stores a flow: capped per network.
	const verdict = await throttle.hitAll(sql(), [
		throttle.perIp('sso', client.ip, throttle.limits.loginPerIp)
	]);
	if (!verdict.allowed) redirect(303, `${back}&error=busy`);
	const provider = await sso.providers.forEmail(sql(), email.data);
	const callback = `${event.url.origin}${sso.CALLBACK_PATH}`;
	const started = provider && (await sso.start(sql(), provider.id, callback, returnTo));
	if (!started) redirect(303, `${back}&error=unknown_domain`);
	setFlowCookie(event.cookies, event.url, sso.FLOW_COOKIE, started.token);
	redirect(303, started.url.href);
};
