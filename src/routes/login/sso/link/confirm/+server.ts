import { redirect } from '@sveltejs/kit';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { signedInByLink } from '../linked';
import type { RequestHandler } from './$types';

// Where the link mailed to an account without a password leads (../+page.server.ts sends it).
// It counts only with the flow's cookie, i.e. in the browser that signed in at the provider.
export const GET: RequestHandler = async (event) => {
	const proof = event.url.searchParams.get('proof') ?? '';
	const token = event.cookies.get(sso.LINK_COOKIE);
	const result = await sso.confirmLinkByMail(sql(), token, proof, {
		userAgent: event.request.headers.get('user-agent')
	});
	if (result.kind === 'linked') redirect(303, await signedInByLink(event, result, 'mail'));
	redirect(
		303,
		`/login/sso/link?error=${result.kind === 'wrong_link' ? 'wrong_link' : 'elsewhere'}`
	);
};
