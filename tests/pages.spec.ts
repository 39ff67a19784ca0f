import { expect, test } from './support/fixtures.ts';
import { expectAccessible, open } from './support/helpers.ts';
import type { Page } from '@playwright/test';

// Every page a person can reach, checked with axe as the people who see it: one h1 each, no
// serious or critical WCAG 2.1 AA violation. One test per page, so that a slow machine spends
// its time budget on one page at a time and a failure names the page. Detail pages are reached
// by following links, so the tests need no knowledge of ids.

async function check(page: Page, path: string): Promise<void> {
	await open(page, path);
	await expect(page.locator('h1'), path).toHaveCount(1);
	await expectAccessible(page);
}

async function follow(page: Page, from: string, link: RegExp): Promise<string> {
	await open(page, from);
	await page.locator('main').getByRole('link', { name: link }).first().click();
	await page.waitForLoadState('load');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.locator('h1')).toHaveCount(1);
	await expectAccessible(page);
	return new URL(page.url()).pathname;
}

function sweep(paths: string[]): void {
	for (const path of paths) test(path, async ({ page }) => check(page, path));
}

test.describe('anonymous pages', () => {
	sweep([
		'/themes',
		'/themes/kompetensforsorjning',
		'/organizations/avesta',
		'/reset-password?token=x',
		'/verify-email?token=x',
		'/library',
		'/research',
		'/docs/0d0c0000-0000-4000-8000-000000000001/uses',
		'/agenda2030',
		'/agenda2030/11',
		'/events',
		'/map',
		'/search?q=kommun'
	]);
});

test.describe('a member’s pages', () => {
	test.use({ as: 'anna.lind@avesta.test' });
	sweep([
		'/',
		'/profile',
		'/groups',
		'/groups/new',
		'/groups/attraktivitet',
		'/groups/attraktivitet/members',
		'/groups/attraktivitet/settings',
		'/groups/attraktivitet/moderation',
		'/groups/attraktivitet/experiences',
		'/groups/attraktivitet/experiences/new',
		'/groups/attraktivitet/discussions',
		'/groups/attraktivitet/discussions/new',
		'/notifications',
		'/invitations',
		'/organizations/avesta',
		'/groups/attraktivitet/documents',
		'/events/new',
		'/search?q=attraktivitet',
		'/library',
		'/research',
		'/docs/0d0c0000-0000-4000-8000-000000000001/uses'
	]);
	test('a research record', async ({ page }) => {
		await follow(page, '/research', /Att stanna eller flytta/);
	});
	test('an experience, its history and its edit form', async ({ page }) => {
		const experience = await follow(page, '/groups/attraktivitet/experiences', /Välkomstpaket/);
		await check(page, `${experience}/history`);
		await check(page, `${experience}/edit`);
	});
	test('a discussion thread', async ({ page }) => {
		await follow(page, '/groups/attraktivitet/discussions', /Hur mäter ni attraktivitet/);
	});
});

test.describe('a researcher’s pages', () => {
	test.use({ as: 'sara.holm@oru.test' });
	sweep(['/research/new', '/research/import']);
	test('a research record and its edit form', async ({ page }) => {
		const record = await follow(page, '/research', /Platsvarumärken och inflyttning/);
		await check(page, `${record}/edit`);
	});
});

test.describe('an administrator’s pages', () => {
	test.use({ as: 'admin@erfa.test' });
	sweep([
		'/admin',
		'/admin/users',
		'/admin/organizations',
		'/admin/outbox',
		'/admin/reports',
		'/admin/themes',
		'/admin/groups',
		'/admin/moderation'
	]);
	test('a user', async ({ page }) => {
		await follow(page, '/admin/users', /Anna Lind/);
	});
	test('a mail in the outbox', async ({ page, request }) => {
		// Something in the outbox to open: a reset link for a demo member.
		await request.post('/forgot-password', {
			form: { email: 'sara.holm@oru.test' },
			headers: { origin: String(test.info().project.use.baseURL) }
		});
		await follow(page, '/admin/outbox', /Återställ ditt lösenord/);
	});
	test('a theme', async ({ page }) => {
		await follow(page, '/admin/themes', /Kompetensförsörjning/);
	});
});

test.describe('a non-member', () => {
	test.use({ as: 'erik.berg@ludvika.test' });
	for (const tab of ['', '/experiences', '/discussions']) {
		test(`meets a closed group with a clear message, not an error (${tab || 'overview'})`, async ({
			page
		}) => {
			await check(page, `/groups/kompetensforsorjning${tab}`);
			await expect(page.getByText('Rekryteringsmässa', { exact: false })).toHaveCount(0);
		});
	}
});
