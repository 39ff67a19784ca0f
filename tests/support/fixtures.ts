// The Playwright `test` with one extra option, `as`: the demo account a test runs signed in as.
// Each worker signs in once per account (through the real login form) and reuses the session, so
// a sweep of many pages does not pay for a login (an argon2 hash) per page. Every spec takes its
// `test` from here, for the contexts a test opens beside its own (see `ownContextsClosed`).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, type Browser } from '@playwright/test';
import { logIn } from './helpers.ts';

const states = new Map<string, Promise<string>>();

async function signIn(browser: Browser, email: string, baseURL: string): Promise<string> {
	const file = join(base.info().project.outputDir, 'sessions', `${process.pid}-${email}.json`);
	await mkdir(join(file, '..'), { recursive: true });
	const context = await browser.newContext({ baseURL });
	await logIn(await context.newPage(), email);
	await context.storageState({ path: file });
	await context.close();
	return file;
}

export const test = base.extend<{ as: string | null; ownContextsClosed: void }>({
	as: [null, { option: true }],
	// A second person at another desk is a browser context the test opens itself, which
	// Playwright leaves open (it closes only the test's own). Left open, each editor among them
	// keeps its websocket and timers for the rest of the lane: a lane of journeys ended with
	// twenty such pages. They close when the test ends, after its failure screenshots.
	ownContextsClosed: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			const opened = browser.contexts().filter((context) => !before.has(context));
			await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
		},
		{ auto: true }
	],
	storageState: async ({ as, browser, baseURL, storageState }, use) => {
		if (!as) return use(storageState);
		if (!states.has(as)) {
			// A failed sign-in is not kept: the next test tries again instead of failing at once.
			const state = signIn(browser, as, baseURL!);
			states.set(as, state);
			state.catch(() => states.delete(as));
		}
		await use(await states.get(as)!);
	}
});
export { expect } from '@playwright/test';
