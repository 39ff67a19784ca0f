import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { setSessionCookie } from '$lib/server/auth';
import { safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { clearFlowCookie, setFlowCookie } from '../cookies';
import type { RequestHandler } from './$types';

// Where the identity provider sends the browser back. The flow cookie names the stored state,
// nonce and PKCE verifier; sso.finish() checks everything and says what to do. The same
// address ends a re-authentication at the provider (the one redirect URI the provider knows).

function back(returnTo: string) {
	const to = safeReturnTo(returnTo, '/profile');
	return `${to}${to.includes('?') ? '&' : '?'}reauthenticated=1`;
}

async function refused(
	event: RequestEvent,
	result: sso.Finished & { kind: 'refused' }
): Promise<never> {
	const reauth = result.purpose === 'reauth' || (!result.purpose && Boolean(event.locals.user));
	await audit.record(sql(), {
		...audit.origin(event),
		action: 'auth.sign_in_failed',
		details: {
			method: 'oidc',
			issuer: result.issuer ?? null,
			outcome: result.reason,
			...(reauth ? { purpose: 'reauth' } : {})
		}
	});
	if (!reauth) redirect(303, `/login/sso?error=${result.reason}`);
	const returnTo = encodeURIComponent(safeReturnTo(result.returnTo, '/profile'));
	redirect(303, `/reauth?returnTo=${returnTo}&error=${result.reason}`);
}

export const GET: RequestHandler = async (event) => {
	const { cookies, url } = event;
	const token = cookies.get(sso.FLOW_COOKIE);
	clearFlowCookie(cookies, url, sso.FLOW_COOKIE);
	const result = await sso.finish(sql(), token, url, {
		redirectUri: `${url.origin}${sso.CALLBACK_PATH}`,
		userAgent: event.request.headers.get('user-agent'),
		sessionId: event.locals.session?.id ?? null
	});
	const method = { method: 'oidc', issuer: result.issuer ?? null };
	if (result.kind === 'refused') return refused(event, result);
	if (result.kind === 'reauthenticated') {
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'auth.reauthenticated',
			details: method
		});
		redirect(303, back(result.returnTo));
	}
	if (result.kind === 'link') {
		setFlowCookie(cookies, url, sso.LINK_COOKIE, result.token);
		redirect(303, '/login/sso/link');
	}
	await audit.record(sql(), {
		...audit.origin(event),
		action: 'auth.sign_in',
		actorId: result.userId,
		details: { ...method, outcome: result.created ? 'account_created' : 'ok' }
	});
	setSessionCookie(cookies, url, result.token, result.expiresAt);
	redirect(303, safeReturnTo(result.returnTo, '/profile'));
};
