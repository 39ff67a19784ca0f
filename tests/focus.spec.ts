import { expect, test } from './support/fixtures.ts';
import { open } from './support/helpers.ts';
import type { Page } from '@playwright/test';

// After a form is sent, focus goes to what happened (the status message that says so), never
// back to <body>: a keyboard or screen reader user continues from the result.

test.use({ as: 'olle.ek@filipstad.test' });

const focusedStatus = (page: Page, text: string) =>
	page.getByRole('status').filter({ hasText: text }).locator('p');

test('joining a group, replying and starting a thread leave focus on their result', async ({
	page
}) => {
	await open(page, '/groups/attraktivitet');
	await page.getByRole('button', { name: 'Gå med i gruppen' }).click();
	await expect(focusedStatus(page, 'Du är nu medlem i gruppen')).toBeFocused();

	await open(page, '/groups/attraktivitet/discussions');
	await page.getByRole('link', { name: /Hur mäter ni attraktivitet/ }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Ditt svar').fill('Vi provar SCB:s undersökning i höst.');
	await page.getByRole('button', { name: 'Skicka svar' }).click();
	await expect(focusedStatus(page, 'Ditt svar är publicerat')).toBeFocused();

	await open(page, '/groups/attraktivitet/discussions/new');
	await page.getByLabel('Rubrik').fill('Vem mäter nöjdhet hos nyinflyttade?');
	await page.getByLabel('Text', { exact: true }).fill('Vi vill jämföra enkäter mellan kommuner.');
	await page.getByRole('button', { name: 'Publicera tråden' }).click();
	await expect(focusedStatus(page, 'Tråden är publicerad')).toBeFocused();
});
