import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '../platform/db.ts';
import { isOneClickBody, ONE_CLICK_PATH, unsubscribe } from './unsubscribe.ts';

// One-click unsubscribe (RFC 8058) as seen by the Node server, before SvelteKit.
//
// Why not only src/routes/unsubscribe/one-click/+server.ts: mail providers POST a form body
// (application/x-www-form-urlencoded or multipart/form-data) from their own servers, without
// an Origin header, and the built SvelteKit app refuses every such POST with 403 ("Cross-site
// POST form submissions are forbidden") before any hook or route runs. The launcher
// (server/serve.ts) therefore hands these requests here first:
//
//   createServer((req, res) => handleOneClick(req, res) || handler(req, res))
//
// It is safe without that CSRF check: nothing here reads a cookie or session. The token in the
// URL (an HMAC only the server can make) is the whole authorization, and the only effect is
// turning notification e-mail off for the token's owner, which they can undo in their profile.

const MAX_BODY = 4096;
// A body past MAX_BODY is read on and dropped, so that its sender still gets an answer (400)
// rather than a reset connection; past MAX_DRAIN the connection is cut all the same.
const MAX_DRAIN = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
			else if (size > MAX_DRAIN) {
				resolve(null);
				req.destroy();
			}
		});
		req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
	});
}

function reply(res: ServerResponse, status: number, text: string) {
	res.writeHead(status, {
		'content-type': 'text/plain; charset=utf-8',
		'cache-control': 'no-store'
	});
	res.end(text);
}

/** The status and text for a one-click request (shared with the SvelteKit endpoint). */
export async function answer(token: string | null, body: string | null) {
	if (body === null || !isOneClickBody(body)) return { status: 400, text: 'Bad request' };
	if (!(await unsubscribe(sql(), token))) return { status: 404, text: 'Unknown link' };
	return { status: 200, text: 'Unsubscribed' };
}

/** Handles POST /unsubscribe/one-click and returns true; false for every other request. */
export function handleOneClick(req: IncomingMessage, res: ServerResponse): boolean {
	const url = new URL(req.url ?? '/', 'http://erfa.invalid');
	if (req.method !== 'POST' || url.pathname !== ONE_CLICK_PATH) return false;
	void readBody(req)
		.then((body) => answer(url.searchParams.get('token'), body))
		.then(({ status, text }) => reply(res, status, text))
		.catch((error: unknown) => {
			console.error('[unsubscribe] one-click failed', error);
			reply(res, 500, 'Internal error');
		});
	return true;
}
