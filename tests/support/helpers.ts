import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'erfa-demo-2026';
/** The app under test, on the free port playwright.config.ts chose for this run. */
export const origin = `http://127.0.0.1:${process.env.E2E_PORT}`;
/** The test mailbox and side door beside it (tests/support/server.ts). */
export const mailbox = `http://127.0.0.1:${process.env.E2E_MAILBOX_PORT}`;

/** A time budget scaled like the configured timeouts (playwright.config.ts: E2E_SLOWDOWN). */
export const budget = (ms: number): number => ms * Number(process.env.E2E_SLOWDOWN ?? 1);

// axe-core's own build, run in the page itself (Erfa has no frames for a frame-aware runner to
// combine): a third of the cost of @axe-core/playwright, which injected the full source twice.
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async (tags) => {
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		const results = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return results.violations;
	}, wcag21aa);
	const serious = violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
	expect(serious, `axe on ${page.url()}`).toEqual([]);
}

/** Opens a page and waits until Svelte has hydrated it (so typing is not lost or duplicated). */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await open(page, '/login');
	await page.getByLabel('E-postadress').fill(email);
	await page.getByLabel('Lösenord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page).toHaveURL(/\/profile/);
}

/** The first link starting with `prefix` in the newest e-mail to `to`, waiting for it to arrive. */
export async function linkFromMail(to: string, prefix: string): Promise<string> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const messages = (await (
					await fetch(`${mailbox}/messages?to=${encodeURIComponent(to)}`)
				).json()) as {
					raw: string;
				}[];
				const raw =
					messages
						.at(-1)
						?.raw.replace(/=\r?\n/g, '')
						.replace(/=3D/g, '=') ?? '';
				link = raw.match(new RegExp(`${prefix.replace(/[.?]/g, '\\$&')}[^\\s"<>]+`))?.[0];
				return link;
			},
			{ timeout: budget(15_000) }
		)
		.toBeTruthy();
	return link!;
}

/** Runs the daily digest now (at 07:00 in production) and waits for its mail to leave. */
export async function runDailyDigest(): Promise<void> {
	const response = await fetch(`${mailbox}/digest?kind=daily`, { method: 'POST' });
	expect(response.ok).toBe(true);
}

/** All captured messages to `to`, raw, with quoted-printable soft breaks undone. */
export async function mailsTo(to: string): Promise<string[]> {
	const messages = (await (
		await fetch(`${mailbox}/messages?to=${encodeURIComponent(to)}`)
	).json()) as {
		raw: string;
	}[];
	return messages.map((m) => m.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
}

/** Logs out through the header's account menu (at desktop widths, where it is a menu button). */
export async function logOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: /^Konto:/ }).click();
	await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
}
