import type { Page } from '@playwright/test';
import { allSaved, createDocument, editorText } from './support/documents.ts';
import { expect, test } from './support/fixtures.ts';
import { expectAccessible, open } from './support/helpers.ts';

// The editor itself: reached from the top in a few key presses, its toolbar in one row that
// stays in view (the rest in a keyboard-operable "More" menu), checklists drawn beside their
// text, and exports that download without the client router getting in the way.

// Signed in once for the whole file (each login is an argon2 hash and counts against the limits).
test.use({ as: 'anna.lind@avesta.test' });

const demoDocument = '/docs/0d0c0000-0000-4000-8000-000000000001';
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Formatering' });
const more = (page: Page) => toolbar(page).getByRole('button', { name: 'Mer' });

async function openAs(page: Page, path: string) {
	await open(page, path);
	await allSaved(page);
}

test('the editor is a few key presses from the top of the page', async ({ page: anna }) => {
	await openAs(anna, demoDocument);
	await anna.keyboard.press('Tab');
	await expect(anna.getByRole('link', { name: 'Hoppa till huvudinnehållet' })).toBeFocused();
	await anna.keyboard.press('Enter');
	await anna.keyboard.press('Tab');
	await expect(anna.getByRole('link', { name: 'Hoppa till redigeraren' })).toBeFocused();
	await anna.keyboard.press('Enter');
	await expect(editorText(anna)).toBeFocused();
	// The toolbar is the stop before the text.
	await anna.keyboard.press('Shift+Tab');
	await expect(toolbar(anna).getByRole('button').first()).toBeFocused();
});

test('the toolbar is one row that stays in view, the rest in a menu', async ({ page: anna }) => {
	await anna.setViewportSize({ width: 1280, height: 800 });
	const path = await createDocument(anna, `Verktygsrad ${Date.now().toString(36)}`);
	await editorText(anna).click();
	await anna.keyboard.type('Början.');
	for (let i = 0; i < 40; i++) await anna.keyboard.press('Enter');
	await anna.keyboard.type('Slutet.');
	await allSaved(anna);
	expect(new URL(anna.url()).pathname).toBe(path);

	const row = (await toolbar(anna).boundingBox())!;
	expect(row.height).toBeLessThan(64);
	// Scrolled to the end of the text, the toolbar is still at the top of the window.
	await editorText(anna).getByText('Slutet.').scrollIntoViewIfNeeded();
	await expect(editorText(anna).getByText('Början.')).not.toBeInViewport();
	await expect.poll(async () => (await toolbar(anna).boundingBox())!.y).toBeLessThan(2);

	// The menu button pattern: ↓ opens on the first item, Escape returns to the button.
	await more(anna).focus();
	await anna.keyboard.press('ArrowDown');
	const menu = anna.getByRole('menu', { name: 'Mer' });
	await expect(menu).toBeVisible();
	await expect(
		menu.getByRole('menuitem').or(menu.getByRole('menuitemcheckbox')).first()
	).toBeFocused();
	await anna.keyboard.press('Escape');
	await expect(menu).toBeHidden();
	await expect(more(anna)).toBeFocused();

	// A divider from the menu, chosen with the keyboard, lands in the text.
	await editorText(anna).click();
	await anna.keyboard.press('Control+End');
	await more(anna).click();
	await menu.getByRole('menuitem', { name: 'Avdelare' }).click();
	await expect(anna.locator('#document-text hr')).toHaveCount(1);
	await expect(menu).toBeHidden();
});

test('a checklist box sits on the line of its text', async ({ page: anna }) => {
	await openAs(anna, demoDocument);
	const item = anna.locator('#document-text ul[data-type="taskList"] > li').first();
	const box = (await item.getByRole('checkbox').boundingBox())!;
	const text = (await item.locator('p').first().boundingBox())!;
	const line = Math.min(text.height, 30);
	// The box's middle is within the first line of the text, beside it, not above it.
	expect(box.y + box.height / 2).toBeGreaterThan(text.y);
	expect(box.y + box.height / 2).toBeLessThan(text.y + line);
	expect(box.x + box.width).toBeLessThanOrEqual(text.x);
});

test('exports download without a client error', async ({ page: anna }) => {
	const errors: string[] = [];
	anna.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	anna.on('pageerror', (error) => errors.push(error.message));
	await openAs(anna, demoDocument);
	await anna.getByText('Exportera', { exact: true }).click();
	for (const [name, extension] of [
		['Markdown', '.md'],
		['Markdown (.zip med bilder)', '.zip'],
		['HTML (med bilder)', '.html']
	]) {
		const download = anna.waitForEvent('download');
		await anna.getByRole('link', { name, exact: true }).click();
		expect((await download).suggestedFilename()).toMatch(new RegExp(`\\${extension}$`));
	}
	expect(errors.filter((e) => /Not found|export/i.test(e))).toEqual([]);
	await expect(anna).toHaveURL(new RegExp(`${demoDocument}$`));
});

for (const width of [390, 1280]) {
	test(`the editor passes axe at ${width} px`, async ({ page: anna }) => {
		await anna.setViewportSize({ width, height: 844 });
		await openAs(anna, demoDocument);
		await expectAccessible(anna);
		if (width === 390) {
			// On a phone the text starts on the first screen.
			const top = (await editorText(anna).boundingBox())!.y;
			expect(top).toBeLessThan(844);
		}
		await more(anna).click();
		await expectAccessible(anna);
	});
}
