import type { RequestEvent } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { setSessionCookie } from '$lib/server/auth';
import { safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { clearFlowCookie } from '../cookies';

/**
 * A link made, by password or by a mailed link: recorded, the flow's cookie gone, the person
 * signed in. Returns where they go next.
 */
export async function signedInByLink(
	event: RequestEvent,
	linked: sso.Linked & { kind: 'linked' },
	proof: 'password' | 'mail' = 'password'
): Promise<string> {
	const who = { ...audit.origin(event), actorId: linked.userId };
	await audit.record(sql(), { ...who, action: 'auth.account_linked', details: { proof } });
	await audit.record(sql(), {
		...who,
		action: 'auth.sign_in',
		details: { method: 'oidc', outcome: 'linked' }
	});
	clearFlowCookie(event.cookies, event.url, sso.LINK_COOKIE);
	setSessionCookie(event.cookies, event.url, linked.token, linked.expiresAt);
	return safeReturnTo(linked.returnTo, '/profile');
}
