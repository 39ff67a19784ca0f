import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOneClickBody } from '../notifications/unsubscribe.ts';
import { sql } from '../platform/db.ts';
import { ONE_CLICK_PATH, verifyUnsubscribe } from './tokens.ts';

// RFC 8058 one-click unsubscribe for the newsletter, answered by the Node server before
// SvelteKit for the same reason as notifications/one-click.ts: mail providers POST a form from
// their own servers without an Origin, which SvelteKit's CSRF guard refuses. Safe: no cookie
// or session is read; the HMAC token is the whole authorization and the only effect is
// unsubscribing its owner. Plain Node (relative imports only): server/serve.ts loads it.

const MAX_BODY = 4096;

function readBody(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
	});
}

/** The status and text for a one-click request (shared with the SvelteKit endpoint). */
export async function answer(token: string | null, body: string | null) {
	if (body === null || !isOneClickBody(body)) return { status: 400, text: 'Bad request' };
	const id = verifyUnsubscribe(token);
	if (!id) return { status: 404, text: 'Unknown link' };
	const rows = await sql()`update public.newsletter_subscribers
		set unsubscribed_at = coalesce(unsubscribed_at, now()) where id = ${id} returning id`;
	return rows.length
		? { status: 200, text: 'Unsubscribed' }
		: { status: 404, text: 'Unknown link' };
}

/** Handles POST /newsletter/unsubscribe/one-click and returns true; false for all else. */
export function handleNewsletterOneClick(req: IncomingMessage, res: ServerResponse): boolean {
	const url = new URL(req.url ?? '/', 'http://erfa.invalid');
	if (req.method !== 'POST' || url.pathname !== ONE_CLICK_PATH) return false;
	void readBody(req)
		.then((body) => answer(url.searchParams.get('token'), body))
		.then(({ status, text }) => {
			res.writeHead(status, {
				'content-type': 'text/plain; charset=utf-8',
				'cache-control': 'no-store'
			});
			res.end(text);
		})
		.catch((error: unknown) => {
			console.error('[newsletter] one-click failed', error);
			res.writeHead(500).end('Internal error');
		});
	return true;
}
