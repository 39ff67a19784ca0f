import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Search: the header's type-ahead (an ARIA combobox) and the results page, signed out and as
// members of different groups, on the demo dataset.

const DOCUMENT = '/docs/0d0c0000-0000-4000-8000-000000000001';
const field = (page: Page) => page.getByRole('combobox', { name: 'Sök i Erfa' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Förslag' }).getByRole('option');

test('type in the header, pick a hit with the keyboard, arrive at it', async ({ page }) => {
	await open(page, '/');
	await page.locator('body').press('/');
	await expect(field(page)).toBeFocused();
	await page.keyboard.type('välkomstsamt');
	await expect(options(page).first()).toHaveText(/Modell för välkomstsamtal med nyinflyttade/);
	await expect(field(page)).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByRole('status').filter({ hasText: /förslag/ })).toHaveText(/\d+ förslag/);

	await page.keyboard.press('ArrowDown');
	const first = options(page).first();
	await expect(first).toHaveAttribute('aria-selected', 'true');
	await expect(field(page)).toHaveAttribute(
		'aria-activedescendant',
		(await first.getAttribute('id'))!
	);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(DOCUMENT);
	await expect(page.locator('h1')).toHaveText('Modell för välkomstsamtal med nyinflyttade');
});

test('Escape closes the suggestions; Enter with none chosen opens the results', async ({
	page
}) => {
	await open(page, '/research');
	await field(page).fill('unga vuxnas');
	await expect(options(page).first()).toHaveText(/unga vuxnas val/);
	await page.keyboard.press('Escape');
	await expect(field(page)).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('listbox', { name: 'Förslag' })).toBeHidden();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/search\?q=unga(\+|%20)vuxnas$/);
	await expect(
		page.getByRole('heading', {
			level: 3,
			name: 'Att stanna eller flytta: unga vuxnas val i Bergslagens små kommuner'
		})
	).toBeVisible();
	await expect(page.locator('mark').first()).toHaveText(/unga|vuxna/i);
	await expectAccessible(page);
});

test("a closed group's content is found by its members only", async ({ page }) => {
	await logIn(page, 'erik.berg@ludvika.test');
	await field(page).fill('rekryteringsmässa');
	await expect(page.getByRole('status').filter({ hasText: /förslag/i })).toHaveText(
		'Inga förslag. Tryck Enter för att söka.'
	);
	await open(page, '/search?q=validering');
	await expect(page.getByText('Inga träffar för ”validering”.')).toBeVisible();
	await expectAccessible(page);

	await page.context().clearCookies();
	await logIn(page, 'anna.lind@avesta.test');
	await field(page).fill('rekryteringsmässa');
	const hit = options(page).filter({ hasText: 'Gemensam rekryteringsmässa med grannkommunerna' });
	await hit.click();
	await expect(page).toHaveURL(/\/groups\/kompetensforsorjning\/experiences\/[0-9a-f-]{36}$/);
	await expect(page.locator('h1')).toHaveText('Gemensam rekryteringsmässa med grannkommunerna');
});

test('the results page: facets, sorting, a suggested spelling, axe', async ({ page }) => {
	await logIn(page, 'anna.lind@avesta.test');
	await open(page, '/search?q=nyinflyttade');
	await expect(page.locator('h1')).toHaveText('Sök');
	await expect(page.getByRole('status').filter({ hasText: 'träffar' })).toHaveText(
		/\d+ träffar för ”nyinflyttade”/
	);
	const facets = page.getByRole('navigation', { name: 'Avgränsa sökningen' });
	await expectAccessible(page);
	await facets.getByRole('link', { name: 'Dokument' }).click();
	await expect(page).toHaveURL(/type=document/);
	await expect(page.getByRole('heading', { level: 3 })).toHaveText([
		'Modell för välkomstsamtal med nyinflyttade'
	]);
	await page.getByRole('link', { name: 'Senaste först' }).click();
	await expect(page).toHaveURL(/sort=date/);
	await expect(page.getByRole('link', { name: 'Senaste först' })).toHaveAttribute(
		'aria-current',
		'true'
	);

	await open(page, '/search?q=v%C3%A4lkosmtpaket');
	await expect(
		page.getByRole('heading', { level: 2, name: 'Inga träffar för ”välkosmtpaket”.' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'välkomstpaket', exact: true })).toBeVisible();
	const similar = page.getByRole('region', { name: 'Liknande träffar' });
	await expect(
		similar.getByRole('link', { name: 'Välkomstpaket för nyinflyttade i Avesta' })
	).toBeVisible();
	// Similar hits are not matches: nothing in them is marked.
	await expect(similar.locator('mark')).toHaveCount(0);
	await expectAccessible(page);
});

test('a search that finds nothing says what to try', async ({ page }) => {
	await open(page, '/search?q=recruitment+zebror&type=research');
	await expect(
		page.getByRole('heading', { level: 2, name: 'Inga träffar för ”recruitment zebror”.' })
	).toBeVisible();
	const tips = page.getByRole('region', { name: /Inga träffar/ });
	await expect(tips.getByRole('link', { name: 'Sök utan filter' })).toHaveAttribute(
		'href',
		/^\/search\?q=recruitment(\+|%20)zebror$/
	);
	await expect(tips.getByRole('link', { name: 'zebror' })).toBeVisible();
	await expect(tips.getByRole('link', { name: 'Forskning' })).toHaveAttribute('href', '/research');
	await expectAccessible(page);
});

test('a hit shows plain text with the match marked, and research its year', async ({ page }) => {
	await open(page, '/search?q=yrkesutbildning&type=research');
	const paper = page.locator('article.hit').first();
	await expect(paper.locator('mark').first()).toHaveText(/yrkesutbildning/i);
	await expect(paper.locator('.meta')).toContainText('Publicerad 2023');
	await expect(paper.locator('time')).toHaveCount(0);
	// The conference's programme is written in Markdown; its snippet is plain text.
	await open(page, '/search?q=eftermiddag&type=event');
	const event = page.locator('article.hit').first();
	await expect(event.locator('mark').first()).toHaveText(/eftermiddag/i);
	await expect(event.locator('.snippet')).not.toContainText('**');
	await expectAccessible(page);
});

test('works without JavaScript and at 320 px', async ({ browser }) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 320, height: 640 }
	});
	const page = await context.newPage();
	await page.goto('/');
	await field(page).fill('Örebro');
	await field(page).press('Enter');
	await expect(page).toHaveURL(/\/search\?q=%C3%96rebro$/);
	await expect(page.getByRole('heading', { level: 3, name: 'Örebro universitet' })).toBeVisible();
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(320);
	await context.close();
});
