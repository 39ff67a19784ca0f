import { join } from 'node:path';
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { baseLocale } from '$lib/paraglide/runtime';
import {
	sessions,
	clearSessionCookie,
	enforceTwoFactor,
	SESSION_COOKIE,
	setSessionCookie
} from '$lib/server/auth';
import {
	sql,
	fileLimit,
	maintenance,
	multipart,
	readConfig,
	withOwnWebsocket,
	anonymous,
	forUser,
	restTargetFromEnv,
	type Db,
	type RestTarget
} from '$lib/server/platform';
import { mailer } from '$lib/server/mail';
import * as mydata from '$lib/server/mydata';
import { notificationMail } from '$lib/server/notifications';
import { sending as newsletterSending } from '$lib/server/newsletter';

// Configuration and the anonymous client hold nothing user-specific, so one per process.
let target: RestTarget;
let anon: Db;

export const init: ServerInit = async () => {
	target = restTargetFromEnv();
	anon = anonymous(target);
	mailer.start();
	// Instant notification e-mail and the daily/weekly digests (once across processes).
	notificationMail.start();
	// A newsletter half-sent before a restart goes on where it stopped.
	newsletterSending.start();
	maintenance.schedule(sql);
	// "Ladda ner mina uppgifter": exports made in the background, pruned when they expire.
	mydata.exports.start();
};

// The template says lang="sv" (src/app.html), Swedish being the base locale; only a page in
// another language is rewritten. Rewriting every page cost more of node's CPU than anything
// else for a large page: the first touch of the rendered page, a string of thousands of
// pieces, took 1.3 ms of /map's ~5 ms, where leaving it to SvelteKit's own reading costs
// ~0.2 ms. Both locales are written left to right.
const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		if (locale === baseLocale) return resolve(event);
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('<html lang="sv"', `<html lang="${locale}"`)
		});
	});

// SvelteKit answers a form post from a script that accepts anything (curl, `*/*`) as if it came
// from `use:enhance`: 200 with the result as JSON. Such posts get the page instead, with the
// action's real status (400, 429), as the contract promises; enhanced posts are left alone.
const formPostsAsPages: Handle = ({ event, resolve }) => {
	const { request } = event;
	const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(
		request.headers.get('content-type') ?? ''
	);
	if (
		request.method === 'POST' &&
		isForm &&
		!request.headers.has('x-sveltekit-action') &&
		!(request.headers.get('accept') ?? '').includes('application/json')
	) {
		const headers = new Headers(request.headers);
		headers.set('accept', 'text/html');
		event.request = new Request(request, { headers });
	}
	return resolve(event);
};

// On the routes that take files, `request.formData()` streams the body to temporary files
// instead of holding it in memory (platform/multipart.ts); a malformed body is a 400. A body
// the route never read (it refused the caller first) is read to its end after the answer, so
// that the connection stays usable for the client's next request.
const uploads: Handle = async ({ event, resolve }) => {
	const { request } = event;
	const limit = fileLimit(event.url.pathname + event.url.search);
	if (request.method !== 'POST' || limit === null) return resolve(event);
	const type = request.headers.get('content-type') ?? '';
	const upload = type.startsWith('multipart/form-data')
		? multipart.upload(request, join(readConfig().dataDir, 'uploads', '.incoming'), {
				fileSize: limit,
				files: 100,
				fields: 1000,
				fieldSize: limit
			})
		: null;
	if (upload) {
		const formData = () =>
			upload.formData().catch((cause) => {
				if (cause instanceof multipart.TooLarge) {
					error(413, m.error_upload_too_large({ size: Math.round(limit / 2 ** 20) }));
				}
				if (cause instanceof multipart.BadUpload) error(400, m.error_bad_upload());
				throw cause;
			});
		Object.defineProperty(request, 'formData', { value: formData });
	}
	try {
		return await resolve(event);
	} finally {
		await upload?.cleanup();
		if (!request.bodyUsed) void request.body?.pipeTo(new WritableStream()).catch(() => undefined);
	}
};

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await sessions.validate(sql(), token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			if (valid.renewed) setSessionCookie(event.cookies, event.url, token, valid.session.expiresAt);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	event.locals.supabase = event.locals.user ? await forUser(target, event.locals.user.id) : anon;
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	const csp = response.headers.get('content-security-policy');
	if (csp) response.headers.set('content-security-policy', withOwnWebsocket(csp, event.url));
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(
	formPostsAsPages,
	i18n,
	uploads,
	authenticate,
	enforceTwoFactor,
	securityHeaders
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`[${event.request.method} ${event.url.pathname}]`, error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
