import { redirect } from '@sveltejs/kit';
import { answer } from '$lib/server/notifications';
import type { RequestHandler } from './$types';

// The List-Unsubscribe address in notification e-mail (RFC 8058 one-click). Mail providers
// POST `List-Unsubscribe=One-Click` here from their own servers, with no cookies and no
// Origin. Safe without a CSRF check: no session or cookie is read, the HMAC token in the URL
// is the only authorization, and the only effect is turning notification e-mail off.
//
// Note: the built app's CSRF guard answers 403 to such cross-site form POSTs before this
// handler runs, so in production the launcher routes them to handleOneClick() in
// $lib/server/notifications/one-click.ts first; this handler serves `npm run dev` and
// clients that send a same-origin or non-form request.

const MAX_BODY = 4096;

export const POST: RequestHandler = async ({ request, url }) => {
	const length = Number(request.headers.get('content-length') ?? 0);
	const body = length > MAX_BODY ? null : await request.text().catch(() => null);
	const { status, text } = await answer(url.searchParams.get('token'), body);
	return new Response(text, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};

// Someone who opens the address in a browser gets the page with the confirm button.
export const GET: RequestHandler = ({ url }) => {
	redirect(303, `/unsubscribe?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
};
