import {
	IncomingMessage,
	type IncomingHttpHeaders,
	type Server,
	type ServerResponse
} from 'node:http';
import type { Socket } from 'node:net';

// How large a request body each route may receive, enforced in front of SvelteKit (server/
// serve.ts in production, Vite's server in `npm run dev`). A form post is a few kilobytes, so
// every route gets a small limit; only the routes that take files (or very long texts) get
// more. An oversized body is refused with 413 from its Content-Length alone, before anything
// reads it; a body sent without a length (chunked) is counted as it arrives. Plain Node, no
// `$lib` imports: the launcher runs this file directly.

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const kB = 1024;
const MB = 1024 * kB;

/** Every route not listed below: log in, register, comments, settings, … */
export const DEFAULT_BODY_LIMIT = 64 * kB;

// Room for the forms whose text fields hold 10 000–20 000 characters: URL-encoded, a character
// may take up to 9 bytes (a typographic quote is %E2%80%9D), so two such fields need ~370 kB.
const LONG_TEXT = 512 * kB;

export interface RouteLimit {
	/** Matched against the path as sent (an encoded path only ever gets the small default). */
	path: RegExp;
	/** The form action (`?/attach`); unset: any request to the path. */
	action?: string;
	limit: number;
	what: string;
	/** Takes files: its multipart body is parsed as a stream (platform/multipart.ts). */
	files?: true;
}

// Each file limit is the domain's own (checked again there, with a message in the person's
// language); the route's limit adds room for the form's other fields, multipart framing and a
// file somewhat over the limit, so that it still gets that message rather than this 413.
export const routeLimits: readonly RouteLimit[] = [
	// One image, at most 10 MB (documents/images.ts).
	{ path: /^\/docs\/[^/]+\/images\/?$/, limit: 12 * MB, what: 'document image', files: true },
	// Markdown or Word file, at most 5 MB (documents/import.ts).
	{
		path: /^\/groups\/[^/]+\/documents\/?$/,
		action: 'import',
		limit: 8 * MB,
		what: 'document import',
		files: true
	},
	// Attachments, at most 25 MB each (experiences/attachments.ts); one submission has always
	// been capped at 27 MB in all.
	{
		path: /^\/groups\/[^/]+\/experiences\/(?:new|[^/]+\/edit)\/?$/,
		limit: 27 * MB,
		what: 'experience attachments',
		files: true
	},
	// A research file (PDF), at most 25 MB, checked like an attachment.
	{
		path: /^\/research\/(?!import\/?$|new\/?$)[^/]+\/?$/,
		action: 'attach',
		limit: 27 * MB,
		what: 'research file',
		files: true
	},
	// A reference file of at most 2 MB (research/formats); its confirmation posts the text
	// back URL-encoded, up to three bytes for each byte of the file.
	{ path: /^\/research\/import\/?$/, limit: 8 * MB, what: 'research import', files: true },
	// Slides of a programme session, at most 50 MB (events/slides.ts).
	{
		path: /^\/events\/[^/]+\/programme\/[^/]+\/?$/,
		action: 'upload',
		limit: 52 * MB,
		what: 'session slides',
		files: true
	},
	// The public REST API passes JSON on to PostgREST (bulk inserts included).
	{ path: /^\/rest\/v1\//, limit: 1 * MB, what: 'REST API' },
	{ path: /^\/research\/(?:new|[^/]+\/edit)\/?$/, limit: LONG_TEXT, what: 'research record' },
	{
		path: /^\/groups\/[^/]+\/discussions\/(?:new|[^/]+)\/?$/,
		limit: LONG_TEXT,
		what: 'discussion post'
	},
	{ path: /^\/events\/(?:new|[^/]+\/edit)\/?$/, limit: LONG_TEXT, what: 'event' },
	{ path: /^\/groups\/(?:new|[^/]+\/settings)\/?$/, limit: LONG_TEXT, what: 'group' }
];

/** The largest limit of all: adapter-node's own BODY_SIZE_LIMIT is set to it. */
export const LARGEST_BODY_LIMIT = Math.max(...routeLimits.map((r) => r.limit));

/** How many bytes a request to this URL (path and query, as in `req.url`) may carry. */
export function bodyLimit(target: string): number {
	return routeFor(target)?.limit ?? DEFAULT_BODY_LIMIT;
}

/** The byte limit of a route that takes files, or null for every other route. */
export function fileLimit(target: string): number | null {
	const rule = routeFor(target);
	return rule?.files ? rule.limit : null;
}

function routeFor(target: string): RouteLimit | undefined {
	let url: URL;
	try {
		url = new URL(target, 'http://erfa.invalid');
	} catch {
		return undefined;
	}
	const action = actionName(url.searchParams);
	return routeLimits.find(
		(r) => r.path.test(url.pathname) && (r.action === undefined || r.action === action)
	);
}

// As SvelteKit reads it: the first query parameter starting with a slash names the action.
function actionName(params: URLSearchParams): string {
	for (const key of params.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

// A body without a declared length is read here, up to the route's limit, only when that limit
// is small. Larger ones (uploads, which browsers always send with a length) go on unread, and
// adapter-node counts them against BODY_SIZE_LIMIT (LARGEST_BODY_LIMIT).
const MAX_BUFFERED = LONG_TEXT;

// How long a refused client may go on sending after its answer before the connection is cut:
// nginx's lingering_time. Long enough for a browser uploading a large file on a slow line to
// finish its request and show the answer; bounded, so a sender that never stops is let go.
const LINGER_MS = 30_000;

/** Wraps a request listener so that no body over its route's limit ever reaches it. */
export function limitBodies(next: Listener, limitFor = bodyLimit, lingerMs = LINGER_MS): Listener {
	return (req, res) => {
		const limit = limitFor(req.url ?? '/');
		const declared = req.headers['content-length'];
		const refuseIt = () => {
			lingerAfterAnswer(req, lingerMs);
			refuse(req, res, limit);
		};
		if (declared !== undefined) {
			// Node's parser has already refused a malformed length.
			if (Number(declared) > limit) refuseIt();
			else next(req, res);
			return;
		}
		if (req.headers['transfer-encoding'] === undefined || limit > MAX_BUFFERED) {
			next(req, res);
			return;
		}
		readUpTo(req, limit).then(
			(body) => (body ? next(withBody(req, body), res) : refuseIt()),
			// The client went away while sending; there is no one to answer.
			() => req.destroy()
		);
	};
}

type ClosingSocket = Socket & { destroySoon?: () => void };

/**
 * Once a refusal is sent, Node closes the connection (`socket.destroySoon()`, for the answer's
 * `connection: close`). Closing a socket that still has unread data makes the kernel reset the
 * connection, and a client still sending its body then gets the reset (EPIPE, "connection
 * reset") instead of the answer it was already sent. So, as nginx does, only the sending side
 * is closed at once; the rest of the body is read and thrown away (the request is dumped) until
 * the client closes its side or `lingerMs` has passed.
 */
function lingerAfterAnswer(req: IncomingMessage, lingerMs: number): void {
	const socket = req.socket as ClosingSocket;
	socket.destroySoon = () => {
		socket.end();
		const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
		socket.once('end', () => socket.destroy());
		socket.once('close', () => clearTimeout(cut));
	};
}

/** The same, around whatever already listens for requests on `server` (Vite's dev server). */
export function limitServerBodies(server: Server, limitFor = bodyLimit): void {
	const listeners = server.listeners('request') as Listener[];
	server.removeAllListeners('request');
	const all: Listener = (req, res) => listeners.forEach((l) => l.call(server, req, res));
	server.on('request', limitBodies(all, limitFor));
}

/** The whole body, or null as soon as it grows past `limit` (the rest is left unread). */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const settle = (result: Buffer | null | Error) => {
			req.off('data', onData).off('end', onEnd).off('error', onFailure).off('close', onFailure);
			if (result instanceof Error) reject(result);
			else resolve(result);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) {
				chunks.push(chunk);
				return;
			}
			req.pause();
			settle(null);
		};
		const onEnd = () => settle(Buffer.concat(chunks, size));
		const onFailure = () => settle(new Error('request aborted'));
		req.on('data', onData).once('end', onEnd).once('error', onFailure).once('close', onFailure);
	});
}

/** A request like `req` whose body, already read, is `body`, now with its length declared. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
	const copy = new IncomingMessage(req.socket);
	copy.method = req.method;
	copy.url = req.url;
	copy.httpVersion = req.httpVersion;
	copy.httpVersionMajor = req.httpVersionMajor;
	copy.httpVersionMinor = req.httpVersionMinor;
	const raw: string[] = [];
	for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
		const name = req.rawHeaders[i]!;
		if (name.toLowerCase() !== 'transfer-encoding') raw.push(name, req.rawHeaders[i + 1]!);
	}
	raw.push('Content-Length', String(body.length));
	copy.rawHeaders = raw;
	const headers: IncomingHttpHeaders = { ...req.headers, 'content-length': String(body.length) };
	delete headers['transfer-encoding'];
	copy.headers = headers;
	copy.complete = true;
	// Everything is already here: reading must not touch the socket, which the next request owns.
	copy._read = () => {};
	copy.push(body);
	copy.push(null);
	return copy;
}

// The locale cookie Paraglide reads (vite.config.ts); Swedish unless English was chosen.
const english = (req: IncomingMessage) =>
	/(?:^|;\s*)erfa_locale=en(?:;|$)/.test(req.headers.cookie ?? '');

function sizeText(bytes: number): string {
	return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / kB)} kB`;
}

/**
 * 413, in the shape the caller reads: a form action's result for `use:enhance` (SvelteKit
 * then shows its error page with the message), `{ message }` for a script, text otherwise.
 * The connection is closed after the answer (lingerAfterAnswer), so the body is never taken in.
 */
function refuse(req: IncomingMessage, res: ServerResponse, limit: number): void {
	const message = english(req)
		? `The request is too large: at most ${sizeText(limit)} can be sent here.`
		: `Förfrågan är för stor: högst ${sizeText(limit)} kan skickas hit.`;
	const accept = req.headers.accept ?? '';
	const body = req.headers['x-sveltekit-action']
		? JSON.stringify({ type: 'error', error: { message } })
		: accept.includes('application/json')
			? JSON.stringify({ message })
			: `${message}\n`;
	res.writeHead(413, {
		'content-type': body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8',
		'content-length': Buffer.byteLength(body),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		connection: 'close'
	});
	res.end(body);
}
