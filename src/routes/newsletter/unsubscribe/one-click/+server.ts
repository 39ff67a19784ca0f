import { redirect } from '@sveltejs/kit';
import * as newsletter from '$lib/server/newsletter';
import type { RequestHandler } from './$types';

// The List-Unsubscribe address in newsletter mail (RFC 8058 one-click). In the built app the
// launcher answers cross-site POSTs before SvelteKit (newsletter/one-click.ts, see there why);
// this handler serves `npm run dev` and same-origin or non-form requests.

const MAX_BODY = 4096;

export const POST: RequestHandler = async ({ request, url }) => {
	const length = Number(request.headers.get('content-length') ?? 0);
	const body = length > MAX_BODY ? null : await request.text().catch(() => null);
	const { status, text } = await newsletter.oneClick(url.searchParams.get('token'), body);
	return new Response(text, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};

// Someone who opens the address in a browser gets the page with the confirm button.
export const GET: RequestHandler = ({ url }) => {
	const token = encodeURIComponent(url.searchParams.get('token') ?? '');
	redirect(303, `/newsletter/unsubscribe?token=${token}`);
};
