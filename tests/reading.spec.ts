import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { allSaved, editorText, signedInPage } from './support/documents.ts';
import { expectAccessible, open } from './support/helpers.ts';

// Issue 17, readers who never load the editor: a signed-out reader of a public document gets
// its text from the server and no editor script; a signed-in reader gets the editor only when
// starting a comment; an editor gets it at once.

const demoDocument = '/docs/0d0c0000-0000-4000-8000-000000000001';
// Every part of the editor names one of these in its code (module paths and class names
// survive minification), so a script holding none of them is not the editor.
const editorCode = /prosemirror|y-prosemirror|y-indexeddb|@tiptap/i;

/** Records the scripts the page loads that hold editor code. */
function watchEditorScripts(page: Page): string[] {
	const found: string[] = [];
	page.on('response', async (response) => {
		if (response.request().resourceType() !== 'script') return;
		const body = await response.text().catch(() => '');
		if (editorCode.test(body)) found.push(response.url());
	});
	return found;
}

test('a signed-out reader reads the text without the editor', async ({ page }) => {
	const editorScripts = watchEditorScripts(page);
	await open(page, demoDocument);
	const text = page.getByRole('region', { name: /^Dokumentets text/ });
	await expect(text.getByRole('heading', { name: 'Modell för välkomstsamtal' })).toBeVisible();
	await expect(page.getByText('Du läser dokumentet utan att vara inloggad.')).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expect(editorText(page)).toHaveCount(0);
	expect(editorScripts).toEqual([]);
	await expectAccessible(page);
});

test('a reader loads the editor to comment; an editor has it at once', async ({ browser }) => {
	// Sara is in none of the document's groups (Olle joins "attraktivitet" in focus.spec.ts, and
	// every member there writes), so she reads it.
	const reader = await signedInPage(browser, 'sara.holm@oru.test');
	const editorScripts = watchEditorScripts(reader);
	await open(reader, demoDocument);
	await expect(reader.getByRole('heading', { name: /^Kommentarer/ })).toBeVisible();
	await reader.waitForLoadState('networkidle');
	expect(editorScripts).toEqual([]);
	await expectAccessible(reader);
	await reader.getByRole('button', { name: 'Kommentera markerad text' }).click();
	await expect(editorText(reader)).toBeVisible();
	await expect(editorText(reader)).toContainText('Modell för välkomstsamtal');
	await expect.poll(() => editorScripts.length).toBeGreaterThan(0);

	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	await open(anna, demoDocument);
	await allSaved(anna);
	await editorText(anna).click();
	await anna.keyboard.press('Control+End');
	const line = ` Läst av fler ${Date.now().toString(36)}.`;
	await anna.keyboard.type(line);
	await allSaved(anna);
	// The reader's editor, now open, follows the edit live.
	await expect(editorText(reader)).toContainText(line.trim());
	// The demo document is shared with other specs: take the line out again.
	for (let i = 0; i < line.length; i++) await anna.keyboard.press('Backspace');
	await allSaved(anna);
	await expect(editorText(reader)).not.toContainText(line.trim());
});
