import { test as base, expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { openApp, pathFor, type App } from './support/fuzz-app.ts';
import { budget } from './support/helpers.ts';
import {
	commonFields,
	formPages,
	hostile,
	jsonBodies,
	plan,
	rawBodies,
	rawQueries,
	roleFor,
	schemaQueryNames,
	withText,
	type Role,
	type Target
} from './support/fuzz.ts';
import {
	fill,
	formsOn,
	label,
	multipart,
	statusOf,
	upload,
	type Form
} from './support/fuzz-forms.ts';
import { pageRoutes, queryParameterNames } from './support/routes.ts';

// Hostile input to every form action, request handler and page of Erfa, found in src/routes
// when the tests are collected: NUL and other control characters, lone surrogates, 10 kB of
// text, broken percent-encoding and UTF-8, SQL and tsquery syntax. Whatever arrives, Erfa
// answers 2xx, 3xx or 4xx: never 5xx. Forms are submitted as the pages render them (real ids,
// hostile text in what people type), and also blind, with every known field name hostile.

const test = base.extend<object, { app: App }>({
	app: [
		async ({ playwright, browser }, use) => {
			const { app, stop } = await openApp(playwright, browser);
			await use(app);
			await stop();
		},
		{ scope: 'worker', timeout: 240_000 }
	]
});

const { targets, problems } = plan();
const pages = pageRoutes();
const queryNames = [...new Set([...queryParameterNames(), ...schemaQueryNames])];

/** Sends requests and keeps every 5xx answer, so one run reports them all. */
class Probe {
	readonly failures: string[] = [];
	readonly request: APIRequestContext;
	constructor(request: APIRequestContext) {
		this.request = request;
	}

	async send(what: string, response: Promise<APIResponse>): Promise<void> {
		try {
			const { status, text } = await statusOf(await response);
			if (status >= 500) this.failures.push(`${status} ${what}: ${text}`);
		} catch (error) {
			// A dropped connection is no answer at all: as bad as a 500 for whoever sent it.
			this.failures.push(`no answer to ${what}: ${String(error).split('\n')[0]}`);
		}
	}

	get = (path: string, what = `GET ${path}`) =>
		this.send(what, this.request.get(path, { maxRedirects: 0 }));

	call(
		path: string,
		method: string,
		what: string,
		options: Parameters<APIRequestContext['fetch']>[1]
	) {
		const headers = { accept: 'application/json', ...options?.headers };
		return this.send(
			what,
			this.request.fetch(path, { ...options, method, headers, maxRedirects: 0 })
		);
	}

	form(path: string, what: string, entries: [string, string][], method = 'POST') {
		const data = new URLSearchParams(entries).toString();
		const headers = { 'content-type': 'application/x-www-form-urlencoded' };
		return this.call(path, method, what, { data, headers });
	}
}

/** The role's request context; a fresh one for visitors, whom a fuzzed form may sign in. */
async function contextFor(app: App, role: Role) {
	if (role !== 'anonymous') return { request: app.as[role], done: async () => {} };
	const request = await app.visitor();
	return { request, done: () => request.dispose() };
}

// Every query parameter carries the hostile text, cut so that the whole URL stays under Node's
// 16 kB header limit: past it Node itself refuses (431) and resets the socket, which says
// nothing about Erfa. Long texts still reach every action through the bodies.
const URL_BUDGET = 12_000;
function queryOf(text: string): string {
	const full = new URLSearchParams(queryNames.map((n) => [n, text])).toString();
	if (full.length <= URL_BUDGET) return full;
	const share = Math.floor(URL_BUDGET / queryNames.length / 9);
	return new URLSearchParams(queryNames.map((n) => [n, text.slice(0, share)])).toString();
}

const withQuery = (path: string, query: string) =>
	`${path}${path.includes('?') ? '&' : '?'}${query}`;

test('every action and handler is fuzzed, or skipped with a reason', () => {
	expect(problems).toEqual([]);
});

test.describe('pages', () => {
	for (const routeId of pages) {
		test(`GET ${routeId}`, async ({ app }) => {
			const path = await pathFor(app, routeId);
			const { request, done } = await contextFor(app, roleFor(routeId));
			const probe = new Probe(request);
			for (const text of hostile.slice(0, 8)) {
				const query = queryOf(text);
				await probe.get(withQuery(path, query), label(`GET ${routeId}?…=`, text));
			}
			for (const query of rawQueries) await probe.get(withQuery(path, query));
			await done();
			expect(probe.failures).toEqual([]);
		});
	}
});

/** The forms for a target on its own page and the pages that carry its forms. */
async function formsFor(probe: Probe, app: App, target: Target, path: string) {
	const routeId = target.file.routeId;
	const hosts = [...(pages.includes(routeId) ? [routeId] : []), ...(formPages[routeId] ?? [])];
	const found = new Map<string, Form>();
	for (const host of hosts) {
		const forms = await formsOn(app, probe.request, await pathFor(app, host));
		for (const form of forms.filter((f) => f.path === path && f.action === target.name)) {
			// One form of each shape: a list of forty comments needs one of its remove buttons.
			const shape = form.fields.map((f) => `${f.name}:${f.kind}`).join(' ');
			if (!found.has(shape) && found.size < 4) found.set(shape, form);
		}
	}
	return [...found.values()];
}

async function fuzzForm(probe: Probe, url: string, form: Form): Promise<void> {
	const typed = form.fields.filter((f) => f.kind === 'text').map((f) => f.name);
	const send = (what: string, text: string, only?: string) => {
		const entries = fill(form, text, only);
		return form.multipart
			? probe.call(url, 'POST', label(what, text), { multipart: multipart(form, entries, text) })
			: probe.form(url, label(what, text), entries);
	};
	// One typed field at a time for the texts the database used to refuse, so that no other
	// field's check hides the one that matters; all typed fields at once for the rest.
	for (const text of hostile.slice(0, 4))
		for (const name of typed) await send(`form ${url} [${name}]`, text, name);
	for (const text of hostile) await send(`form ${url} [all typed]`, text);
	if (typed.length === 0) {
		// Nothing typed: the hidden ids and state are what a script would tamper with.
		for (const text of hostile) {
			const entries = fill(form, text).map(([n, v]): [string, string] => [
				n,
				form.fields.some((f) => f.name === n && f.kind === 'hidden') ? text : v
			]);
			await probe.form(url, label(`form ${url} [hidden]`, text), entries);
		}
	}
}

async function fuzzBlind(
	probe: Probe,
	url: string,
	names: string[],
	method = 'POST'
): Promise<void> {
	for (const text of hostile) {
		await probe.form(
			url,
			label(`${method} ${url} fields`, text),
			names.map((n) => [n, text]),
			method
		);
	}
	const files = new FormData();
	for (const name of names) files.append(name, hostile[0]!);
	files.append('file', upload(hostile[0]!));
	await probe.call(url, method, `${method} ${url} multipart`, { multipart: files });
	for (const [i, raw] of rawBodies.entries()) {
		const headers = { 'content-type': raw.contentType };
		const data = typeof raw.body === 'string' ? raw.body : Buffer.from(raw.body);
		await probe.call(url, method, `${method} ${url} raw body ${i}`, { data, headers });
	}
}

async function fuzzHandler(probe: Probe, target: Target, path: string) {
	const method = target.name;
	if (method === 'GET' || method === 'HEAD') {
		for (const text of hostile) {
			const query = queryOf(text);
			await probe.call(withQuery(path, query), method, label(`${method} ${path}?…=`, text), {});
		}
		for (const query of rawQueries)
			await probe.call(withQuery(path, query), method, `${method} ${path}?${query}`, {});
		return;
	}
	const json = jsonBodies[`${target.file.routeId} ${method}`];
	for (const text of json ? hostile : []) {
		await probe.call(path, method, label(`${method} ${path} JSON`, text), {
			data: withText(json, text) as object
		});
	}
	await fuzzBlind(probe, path, commonFields, method);
}

test.describe('actions and handlers', () => {
	const files = [...new Set(targets.map((t) => t.file.file))];
	for (const file of files) {
		const mine = targets.filter((t) => t.file.file === file);
		test(file, async ({ app }, testInfo) => {
			test.setTimeout(budget(300_000));
			const failures: string[] = [];
			for (const target of mine) {
				const path = await pathFor(app, target.file.routeId);
				const { request, done } = await contextFor(app, target.role);
				const probe = new Probe(request);
				if (target.file.kind === 'handlers') await fuzzHandler(probe, target, path);
				else {
					const url = target.name === 'default' ? path : `${path}?/${target.name}`;
					const forms = await formsFor(probe, app, target, path);
					if (forms.length === 0)
						testInfo.annotations.push({
							type: 'blind only',
							description: `${target.name}: no form on its pages`
						});
					for (const form of forms) await fuzzForm(probe, url, form);
					const seen = forms.flatMap((f) => f.fields.map((field) => field.name));
					await fuzzBlind(probe, url, [...new Set([...commonFields, ...seen])]);
				}
				await done();
				failures.push(...probe.failures);
			}
			expect(failures).toEqual([]);
		});
	}
});
