// The app tests/fuzz.spec.ts fuzzes: its own Erfa (built app, fresh demo database, started by
// tests/support/server.ts on free ports), so that what the fuzz writes, and the throttling its
// failed logins cause, never reach the other end-to-end tests. E2E_FUZZ_ORIGIN points it at a
// running Erfa instead (with the demo dataset), e.g. `npm run demo`.
import type { APIRequestContext, Browser, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { accounts, anchor, paramKeys, paramSources, pathOf, type Role } from './fuzz.ts';
import { DEMO_PASSWORD } from './helpers.ts';
import { startServer } from './own-server.ts';

export interface App {
	origin: string;
	/** A request context per signed-in role. */
	as: Record<Exclude<Role, 'anonymous'>, APIRequestContext>;
	/** A new signed-out context (a fuzzed registration may sign its context in). */
	visitor: () => Promise<APIRequestContext>;
	/** A page with scripts off, for reading forms out of HTML. */
	reader: Page;
	/** Parameter values, found once per worker. */
	values: Map<string, Promise<string>>;
}

async function signIn(
	playwright: PlaywrightWorkerArgs['playwright'],
	origin: string,
	email: string | null
): Promise<APIRequestContext> {
	// SvelteKit refuses form posts without a same-site Origin, as a browser would send it.
	const context = await playwright.request.newContext({
		baseURL: origin,
		extraHTTPHeaders: { origin }
	});
	if (!email) return context;
	const response = await context.post('/login', {
		form: { email, password: DEMO_PASSWORD },
		headers: { accept: 'application/json' },
		maxRedirects: 0
	});
	const answer = (await response.json()) as { type?: string };
	if (answer.type !== 'redirect') throw new Error(`could not sign in as ${email}`);
	return context;
}

/** Starts (or finds) the app and signs in as every role; `stop` ends it all. */
export async function openApp(
	playwright: PlaywrightWorkerArgs['playwright'],
	browser: Browser
): Promise<{ app: App; stop: () => Promise<void> }> {
	const server = await startServer(process.env.E2E_FUZZ_ORIGIN);
	const as = {
		member: await signIn(playwright, server.origin, accounts.member),
		researcher: await signIn(playwright, server.origin, accounts.researcher),
		admin: await signIn(playwright, server.origin, accounts.admin)
	};
	const visitor = () => signIn(playwright, server.origin, null);
	const context = await browser.newContext({ javaScriptEnabled: false });
	await context.route('**/*', (route) => route.abort());
	const reader = await context.newPage();
	const app: App = { origin: server.origin, as, visitor, reader, values: new Map() };
	return {
		app,
		stop: async () => {
			await context.close();
			for (const request of Object.values(as)) await request.dispose();
			await server.stop();
		}
	};
}

async function made(app: App, what: 'comment' | 'version', documentId: string): Promise<string> {
	const member = app.as.member;
	if (what === 'comment') {
		const response = await member.post(`/docs/${documentId}/comments`, {
			data: { anchor, quote: 'Fuzz', body: 'En tråd att svara i.' }
		});
		const { threads } = (await response.json()) as { threads: { id: string; body: string }[] };
		const thread = threads.find((t) => t.body === 'En tråd att svara i.');
		if (!thread) throw new Error(`no comment thread: ${response.status()}`);
		return thread.id;
	}
	await member.post(`/docs/${documentId}/history?/save`, {
		form: { name: 'Före fuzz' },
		headers: { accept: 'application/json' }
	});
	const html = await (await member.get(`/docs/${documentId}/history`)).text();
	const id = html.match(new RegExp(`/docs/${documentId}/history/([0-9a-f-]{36})`))?.[1];
	if (!id) throw new Error('no named version to restore');
	return id;
}

async function find(app: App, key: string, known: Record<string, string>): Promise<string> {
	const source = paramSources[key];
	if (!source) throw new Error(`no paramSources entry for ${key}`);
	if ('value' in source) return source.value;
	if ('unknown' in source) return crypto.randomUUID();
	if ('made' in source) return made(app, source.made, known['/docs/[id]']!);
	const role = source.as ?? 'member';
	if (role === 'anonymous') throw new Error(`${key}: read its page as someone signed in`);
	const html = await (await app.as[role].get(source.page)).text();
	const found = html.match(source.pattern)?.[1];
	if (!found) throw new Error(`${key}: nothing on ${source.page} matches ${source.pattern}`);
	return found;
}

/** The route id's path with real demo values for its parameters. */
export async function pathFor(app: App, routeId: string): Promise<string> {
	const values: Record<string, string> = {};
	for (const key of paramKeys(routeId)) {
		if (!app.values.has(key)) app.values.set(key, find(app, key, values));
		values[key] = await app.values.get(key)!;
	}
	return pathOf(routeId, values);
}
