import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
	connection,
	createDocument,
	editorText,
	signedInPage,
	useTool
} from './support/documents.ts';
import { budget, expectAccessible, open } from './support/helpers.ts';

// Issue 4, what a person sees: Anna and Erik (both in "attraktivitet") write in the same
// document at the same time, see each other's text, carets and names, comment on a sentence
// that keeps its comment while the text around it changes, and Erik writes offline and his
// text arrives when he is back.

const tag = Date.now().toString(36);
const demoDocument = '/docs/0d0c0000-0000-4000-8000-000000000001';
const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64'
);

const as = signedInPage;
const text = editorText;
const status = connection;

/** Opens the document and waits until it is connected with nothing left to save. */
async function openDocument(page: Page, path: string): Promise<void> {
	await open(page, path);
	await expect(status(page)).toHaveText(/Alla ändringar sparade/);
}

/** Puts the caret at the end of the text and types. */
async function typeAtEnd(page: Page, value: string): Promise<void> {
	await text(page).click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(value);
}

test('two people write in one document and see each other', async ({ browser }) => {
	const anna = await as(browser, 'anna.lind@avesta.test');
	const erik = await as(browser, 'erik.berg@ludvika.test');
	const path = await createDocument(anna, `Samskrivning ${tag}`);
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);
	await openDocument(erik, path);

	await expect(anna.getByRole('list', { name: 'I dokumentet just nu' })).toContainText('Erik Berg');
	await expect(erik.getByRole('list', { name: 'I dokumentet just nu' })).toContainText('Anna Lind');

	await typeAtEnd(anna, 'Anna skriver först.');
	await expect(text(erik)).toContainText('Anna skriver först.');
	await typeAtEnd(erik, ' Erik fyller i.');
	await expect(text(anna)).toContainText('Anna skriver först. Erik fyller i.');

	// Each sees the other's caret, named.
	await expect(anna.locator('.collab-caret[data-name="Erik Berg"]')).toBeVisible();
	await text(anna).click();
	await expect(erik.locator('.collab-caret[data-name="Anna Lind"]')).toBeVisible();

	// Formatting from the toolbar reaches the other side too.
	await anna.keyboard.press('Enter');
	await anna.getByRole('button', { name: 'Rubrik', exact: true }).click();
	await anna.keyboard.type('En rubrik');
	await expect(erik.locator('#document-text h2')).toHaveText('En rubrik');

	// An image, uploaded with its alternative text, appears for Erik as well.
	await anna.keyboard.press('Enter');
	await useTool(anna, 'Bild');
	const dialog = anna.getByRole('dialog', { name: 'Infoga bild' });
	await dialog.getByRole('button', { name: 'Ladda upp och infoga' }).click();
	await expect(dialog.getByText('Välj en bildfil.')).toBeVisible();
	await dialog
		.getByLabel('Bildfil')
		.setInputFiles({ name: 'karta.png', mimeType: 'image/png', buffer: png });
	await dialog.getByLabel('Alternativtext').fill('Karta över Bergslagen');
	await dialog.getByRole('button', { name: 'Ladda upp och infoga' }).click();
	await expect(dialog).toBeHidden();
	const image = erik.getByRole('img', { name: 'Karta över Bergslagen' });
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);
});

test('a comment, with a suggested @mention, stays on its sentence while the text around it changes', async ({
	browser
}) => {
	const anna = await as(browser, 'anna.lind@avesta.test');
	const erik = await as(browser, 'erik.berg@ludvika.test');
	const path = await createDocument(anna, `Kommentarer ${tag}`);
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);
	await typeAtEnd(anna, 'Inledning.');
	await anna.keyboard.press('Enter');
	await anna.keyboard.type('Viktig mening');
	await anna.keyboard.press('Shift+Home');
	// The editor applies typed text and the selection in its own time: wait for both.
	await expect.poll(() => anna.evaluate(() => getSelection()?.toString())).toBe('Viktig mening');
	await expect(async () => {
		await anna.keyboard.press('Control+Alt+m');
		await expect(anna.getByLabel('Din kommentar')).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: budget(15_000) });
	// "@er" offers the group's Erik Berg; Enter takes him, and typing goes on after the name.
	const box = anna.getByLabel('Din kommentar');
	await box.pressSequentially('Kan @er');
	const offered = anna.getByRole('listbox', { name: 'Personer att nämna' });
	await expect(offered.getByRole('option', { name: 'Erik Berg' })).toBeVisible();
	await expectAccessible(anna);
	await box.press('Enter');
	await expect(offered).toBeHidden();
	await box.pressSequentially('förtydliga?');
	await expect(box).toHaveValue('Kan @Erik Berg förtydliga?');
	await anna.getByRole('button', { name: 'Kommentera', exact: true }).click();
	const thread = anna.locator('article.thread').filter({ hasText: 'Kan @Erik Berg förtydliga?' });
	await expect(thread).toBeVisible();
	await expect(anna.locator('#document-text .comment-anchor')).toHaveText('Viktig mening');

	// Erik, already here, learns of the comment; then both write around the sentence.
	await openDocument(erik, path);
	await expect(erik.locator('#document-text .comment-anchor')).toHaveText('Viktig mening');
	await text(anna).click();
	await anna.keyboard.press('Control+Home');
	await anna.keyboard.type('Först: ');
	await typeAtEnd(erik, ' – och mer efteråt.');
	await erik.keyboard.press('Enter');
	await erik.keyboard.type('Sista raden.');
	for (const page of [anna, erik]) {
		await expect(text(page)).toContainText('Först: Inledning.');
		await expect(text(page)).toContainText('Sista raden.');
		await expect(page.locator('#document-text .comment-anchor').first()).toContainText(
			'Viktig mening'
		);
		await expect(page.locator('#document-text .comment-anchor').first()).not.toContainText(
			'Inledning'
		);
	}

	// Erik answers; Anna resolves, and the thread leaves the list until resolved ones are shown.
	const erikThread = erik.locator('article.thread').filter({ hasText: 'förtydliga' });
	await erikThread.getByRole('button', { name: 'Svara' }).click();
	await erik.getByLabel('Ditt svar').fill('Absolut, jag skriver om den.');
	await erik.getByRole('button', { name: 'Skicka svar' }).click();
	await expect(thread).toContainText('Absolut, jag skriver om den.');
	await thread.getByRole('button', { name: 'Markera som löst' }).click();
	await expect(thread).toBeHidden();
	await expect(anna.locator('#document-text .comment-anchor')).toHaveCount(0);
	await anna.getByLabel('Visa lösta kommentarer').check();
	await expect(thread).toContainText('Löst av Anna Lind');
	await expectAccessible(anna);
});

test('edits made offline are kept and merge when the connection is back', async ({ browser }) => {
	const anna = await as(browser, 'anna.lind@avesta.test');
	const erik = await as(browser, 'erik.berg@ludvika.test');
	const path = await createDocument(anna, `Offline ${tag}`);
	await typeAtEnd(anna, 'Gemensam början.');
	await openDocument(erik, path);
	await expect(text(erik)).toContainText('Gemensam början.');

	await erik.context().setOffline(true);
	await expect(status(erik)).toHaveText(/Offline/);
	await typeAtEnd(erik, ' Skrivet utan nät.');
	await expect(status(erik)).toHaveText(/sparas på den här enheten/);
	await typeAtEnd(anna, ' Skrivet med nät.');
	await expect(text(anna)).toContainText('Skrivet med nät.');
	await expect(text(anna)).not.toContainText('Skrivet utan nät.');

	await erik.context().setOffline(false);
	for (const page of [anna, erik]) {
		await expect(text(page)).toContainText('Skrivet utan nät.');
		await expect(text(page)).toContainText('Skrivet med nät.');
	}
	await expect(status(erik)).toHaveText(/Alla ändringar sparade/);

	// With the collaboration server out of reach, the copy on Erik's device still opens.
	const cut = await erik.context().newPage();
	await cut.routeWebSocket(/\/collab\//, () => {});
	await open(cut, path);
	await expect(text(cut)).toContainText('Skrivet utan nät.');
	await expect(status(cut)).not.toHaveText(/Alla ändringar sparade/);
});

test('a document opened before opens again without any connection', async ({ browser }) => {
	const anna = await as(browser, 'anna.lind@avesta.test');
	const path = await createDocument(anna, `Utan nät ${tag}`);
	await typeAtEnd(anna, 'Text från förra besöket.');
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);
	// Once the service worker controls the page, the page itself is kept on the device.
	await anna.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await anna.reload();
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);

	await anna.context().setOffline(true);
	await anna.reload();
	await expect(text(anna)).toContainText('Text från förra besöket.');
	await typeAtEnd(anna, ' Skrivet på tåget.');
	await expect(status(anna)).toHaveText(/sparas på den här enheten/);

	await anna.context().setOffline(false);
	await expect(status(anna)).toHaveText(/Alla ändringar sparade/);
	const erik = await as(browser, 'erik.berg@ludvika.test');
	await openDocument(erik, path);
	await expect(text(erik)).toContainText('Text från förra besöket. Skrivet på tåget.');
});

test('the demo document is accessible and readable signed out', async ({ browser, page }) => {
	const anna = await as(browser, 'anna.lind@avesta.test');
	await openDocument(anna, demoDocument);
	await expect(anna.getByRole('heading', { level: 1 })).toHaveText(
		'Modell för välkomstsamtal med nyinflyttade'
	);
	await expect(anna.getByRole('toolbar', { name: 'Formatering' })).toBeVisible();
	await expect(anna.getByRole('link', { name: 'Versionshistorik' })).toHaveAttribute(
		'href',
		`${demoDocument}/history`
	);
	await expectAccessible(anna);

	// The document is published and public: readable signed out, drawn on the server without
	// the editor (issue 17; tests/reading.spec.ts checks that no editor script loads).
	await open(page, demoDocument);
	await expect(page.getByRole('region', { name: /^Dokumentets text/ })).toContainText(
		'välkomstsamtal'
	);
	await expect(text(page)).toHaveCount(0);
	await expect(page.getByRole('toolbar')).toHaveCount(0);
	await expect(page.getByText('Du läser dokumentet utan att vara inloggad.')).toBeVisible();
	await expectAccessible(page);
});
