import { expect, type Browser, type Page } from '@playwright/test';
import { logIn, open } from './helpers.ts';

// Shared steps for journeys through co-written documents.

/** A signed-in person in a browser context of their own (a second person at another desk). */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'sv-SE' });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

/** The editor's text area. */
export const editorText = (page: Page) => page.getByRole('textbox', { name: /^Dokumentets text/ });

/** The connection status line of the editor. */
export const connection = (page: Page) => page.locator('p.connection[role="status"]');

/** Waits until everything typed has reached the server. */
export const allSaved = (page: Page) =>
	expect(connection(page)).toHaveText(/Alla ändringar sparade/);

/** Creates a document through the group's Documents tab; returns its path, ready to type in. */
export async function createDocument(page: Page, title: string): Promise<string> {
	await open(page, '/groups/attraktivitet/documents');
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Skapa dokument' }).click();
	await page.waitForURL(/\/docs\/[0-9a-f-]{36}$/);
	await allSaved(page);
	return new URL(page.url()).pathname;
}

/** Uses a toolbar tool: its button when it fits on the row, else the entry in "Mer". */
export async function useTool(page: Page, name: string): Promise<void> {
	const toolbar = page.getByRole('toolbar', { name: 'Formatering' });
	const button = toolbar.getByRole('button', { name, exact: true });
	if (await button.isVisible()) return button.click();
	await toolbar.getByRole('button', { name: 'Mer' }).click();
	await page.getByRole('menu', { name: 'Mer' }).getByText(name, { exact: true }).click();
}
