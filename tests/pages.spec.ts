import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Every page a person can reach, checked with axe as the people who see it: one h1 each, no
// serious or critical WCAG 2.1 AA violation. Detail pages are reached by following links, so
// the test needs no knowledge of ids.

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

test('anonymous pages', async ({ page }) => {
	for (const path of [
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
	]) {
		await check(page, path);
	}
});

test('a member’s pages', async ({ page }) => {
	await logIn(page, 'anna.lind@avesta.test');
	for (const path of [
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
	]) {
		await check(page, path);
	}
	await follow(page, '/research', /Att stanna eller flytta/);
	const experience = await follow(page, '/groups/attraktivitet/experiences', /Välkomstpaket/);
	await check(page, `${experience}/history`);
	await check(page, `${experience}/edit`);
	await follow(page, '/groups/attraktivitet/discussions', /Hur mäter ni attraktivitet/);
});

test('a researcher’s pages', async ({ page }) => {
	await logIn(page, 'sara.holm@oru.test');
	for (const path of ['/research/new', '/research/import']) {
		await check(page, path);
	}
	const record = await follow(page, '/research', /Platsvarumärken och inflyttning/);
	await check(page, `${record}/edit`);
});

test('an administrator’s pages', async ({ page, request }) => {
	// Something in the outbox to open: a reset link for a demo member.
	await request.post('/forgot-password', {
		form: { email: 'sara.holm@oru.test' },
		headers: { origin: String(test.info().project.use.baseURL) }
	});
	await logIn(page, 'admin@erfa.test');
	for (const path of [
		'/admin',
		'/admin/users',
		'/admin/organizations',
		'/admin/outbox',
		'/admin/reports',
		'/admin/themes',
		'/admin/groups',
		'/admin/moderation'
	]) {
		await check(page, path);
	}
	await follow(page, '/admin/users', /Anna Lind/);
	await follow(page, '/admin/outbox', /Återställ ditt lösenord/);
	await follow(page, '/admin/themes', /Kompetensförsörjning/);
});

test('a non-member meets a closed group with a clear message, not an error', async ({ page }) => {
	await logIn(page, 'erik.berg@ludvika.test');
	for (const tab of ['', '/experiences', '/discussions']) {
		await check(page, `/groups/kompetensforsorjning${tab}`);
	}
	await expect(page.getByText('Rekryteringsmässa', { exact: false })).toHaveCount(0);
});
