import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { allSaved, createDocument, editorText, signedInPage } from './support/documents.ts';
import { budget, expectAccessible, open } from './support/helpers.ts';

// Suggesting changes: Erik switches to "Föreslå" and proposes an addition and a removal; Anna
// sees both live, marked with Erik's name, accepts one and rejects the other. The text is what
// she decided, for both of them, and the history names each decision.

const tag = Date.now().toString(36);
const text = editorText;

async function openDocument(page: Page, path: string) {
	await open(page, path);
	await allSaved(page);
}

// Anna leaves for the history right after deciding: both decisions must still be recorded.
test('one suggests, the other sees it live and accepts part, rejects part', async ({ browser }) => {
	// Two people, two browser contexts and a page of history on a shared machine.
	test.setTimeout(budget(180_000));
	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	const erik = await signedInPage(browser, 'erik.berg@ludvika.test');
	const path = await createDocument(anna, `Förslag ${tag}`);
	await text(anna).click();
	await anna.keyboard.type('Vi har en plan.');
	await allSaved(anna);
	await openDocument(erik, path);
	await expect(text(erik)).toHaveText('Vi har en plan.');

	const mode = erik.getByRole('group', { name: 'Läge' });
	await mode.getByRole('button', { name: 'Föreslå', exact: true }).click();
	await expect(mode.getByRole('button', { name: 'Föreslå', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expectAccessible(erik);

	// An addition at the end, and "Vi " removed at the start.
	await text(erik).click();
	await erik.keyboard.press('Control+End');
	await erik.keyboard.type(' Den gäller 2027.');
	await allSaved(erik);
	// A remote change that lands between the key presses and the editor's reading of the
	// selection puts the cursor back (seen about once in ten runs): select again until it holds.
	await expect(async () => {
		await erik.keyboard.press('Control+Home');
		for (let i = 0; i < 3; i++) await erik.keyboard.press('Shift+ArrowRight');
		expect(await erik.evaluate(() => document.getSelection()?.toString())).toBe('Vi ');
	}).toPass();
	await erik.keyboard.press('Delete');
	await allSaved(erik);

	// Anna sees both, in Erik's name, with nothing applied yet.
	const inserted = anna.locator('#document-text ins[data-author="Erik Berg"]');
	const deleted = anna.locator('#document-text del[data-author="Erik Berg"]');
	await expect(inserted).toHaveText(' Den gäller 2027.');
	await expect(deleted).toHaveText('Vi ');
	const panel = anna.getByRole('region', { name: /^Förslag/ });
	await expect(panel.getByRole('listitem')).toHaveCount(2);
	await expectAccessible(anna);

	await panel.getByRole('button', { name: /^Godkänn förslaget från Erik Berg: Lägg till/ }).click();
	await panel.getByRole('button', { name: /^Avvisa förslaget från Erik Berg: Ta bort/ }).click();
	await expect(panel.getByText('Inga förslag att ta ställning till.')).toBeVisible();

	const expected = 'Vi har en plan. Den gäller 2027.';
	await expect(text(anna)).toHaveText(expected);
	await expect(text(erik)).toHaveText(expected);
	await expect(erik.locator('#document-text ins, #document-text del')).toHaveCount(0);
	await allSaved(anna);

	// Each decision is a named version in the history.
	await expect(async () => {
		await open(anna, `${path}/history`);
		const list = anna.getByRole('region', { name: 'Sparade versioner, nyast först' });
		await expect(list.getByText(/Förslag godkänt av Anna Lind: Lägg till/)).toBeVisible({
			timeout: 1000
		});
		await expect(list.getByText(/Förslag avvisat av Anna Lind: Ta bort/)).toBeVisible({
			timeout: 1000
		});
	}).toPass();
});

test('the suggestion at the cursor is decided where it is, from the keyboard', async ({
	browser
}) => {
	test.setTimeout(budget(120_000));
	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	const erik = await signedInPage(browser, 'erik.berg@ludvika.test');
	const path = await createDocument(anna, `Kortet ${tag}`);
	await text(anna).click();
	await anna.keyboard.type('Vi har en plan.');
	await allSaved(anna);
	await openDocument(erik, path);
	await erik.getByRole('group', { name: 'Läge' }).getByRole('button', { name: 'Föreslå' }).click();
	await text(erik).click();
	await erik.keyboard.press('Control+End');
	await erik.keyboard.type(' Den gäller 2027.');
	await erik.keyboard.press('Control+Home');
	await erik.keyboard.type('Kort sagt: ');
	await allSaved(erik);
	const card = anna.getByRole('group', { name: 'Förslaget vid markören' });
	const panel = anna.getByRole('region', { name: /^Förslag/ });
	const addition = (words: string) =>
		anna.locator('#document-text ins[data-author="Erik Berg"]', { hasText: words });

	// Beside the text (1280 px) the panel already shows each suggestion: the one at Anna's
	// cursor is marked there, no card covers the lines below it, and Tab reaches its buttons.
	await addition('2027').click();
	const marked = panel.locator('li[aria-current="true"]');
	await expect(marked).toContainText('Lägg till: ”Den gäller 2027.”');
	await expect(panel.locator('li[aria-current]')).toHaveCount(1);
	await expect(card).toBeHidden();
	await anna.keyboard.press('Tab');
	await expect(
		marked.getByRole('button', { name: /^Godkänn förslaget från Erik Berg/ })
	).toBeFocused();
	await expectAccessible(anna);
	await anna.keyboard.press('Enter');
	await expect(text(anna)).toBeFocused();
	await expect(text(anna)).toContainText('Vi har en plan. Den gäller 2027.');

	// On a phone the panel is below the text: a card right below the cursor's line says whose
	// suggestion it is and what it does.
	await anna.setViewportSize({ width: 390, height: 800 });
	await addition('Kort sagt').click();
	await expect(card).toContainText('Från Erik Berg');
	await expect(card).toContainText('Lägg till: ”Kort sagt:');
	await expectAccessible(anna);
	// Escape puts it away while she stays there; moving into the text elsewhere too.
	await anna.keyboard.press('Escape');
	await expect(card).toBeHidden();
	await anna.keyboard.press('Control+End');
	await anna.keyboard.press('Control+Home');
	await anna.keyboard.press('ArrowRight');
	await expect(card).toBeVisible();

	// Tab from the text reaches the card; deciding there applies it for both of them.
	await anna.keyboard.press('Tab');
	await expect(
		card.getByRole('button', { name: /^Godkänn förslaget från Erik Berg/ })
	).toBeFocused();
	await anna.keyboard.press('Tab');
	await expect(
		card.getByRole('button', { name: /^Avvisa förslaget från Erik Berg/ })
	).toBeFocused();
	await anna.keyboard.press('Enter');
	await expect(card).toBeHidden();
	await expect(text(anna)).toBeFocused();
	const expected = 'Vi har en plan. Den gäller 2027.';
	await expect(text(anna)).toHaveText(expected);
	await expect(text(erik)).toHaveText(expected);
	await expect(anna.locator('#document-text ins')).toHaveCount(0);
});

test('a first paragraph suggested as a heading stays the first line of the text', async ({
	browser
}) => {
	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	await createDocument(anna, `Rubrik först ${tag}`);
	await text(anna).click();
	await anna.keyboard.type('Inledning');
	await anna.keyboard.press('Enter');
	await anna.keyboard.type('Brödtext.');
	await anna.getByRole('button', { name: 'Föreslå', exact: true }).click();
	await text(anna).click();
	await anna.keyboard.press('Control+Home');
	await anna.getByRole('button', { name: 'Rubrik', exact: true }).click();
	const heading = text(anna).getByRole('heading', { name: 'Inledning' });
	await expect(heading).toBeVisible();
	// No empty line above it: the heading starts where the text's first line does.
	const firstLine = await text(anna).evaluate(
		(el) => el.getBoundingClientRect().top + parseFloat(getComputedStyle(el).paddingTop)
	);
	expect((await heading.boundingBox())!.y - firstLine).toBeLessThan(2);
});

for (const width of [390, 1280]) {
	test(`the editor is accessible in both modes at ${width} px`, async ({ browser }) => {
		const anna = await signedInPage(browser, 'anna.lind@avesta.test');
		await anna.setViewportSize({ width, height: 900 });
		await createDocument(anna, `Lägen ${width} ${tag}`);
		await text(anna).click();
		await anna.keyboard.type('Text att föreslå ändringar i.');
		await expectAccessible(anna);
		await anna.getByRole('button', { name: 'Föreslå', exact: true }).click();
		await anna.keyboard.press('Control+End');
		await text(anna).click();
		await anna.keyboard.press('Control+End');
		await anna.keyboard.type(' Ett tillägg.');
		await expect(anna.locator('#document-text ins')).toHaveText(' Ett tillägg.');
		await expectAccessible(anna);
		await anna.screenshot({ path: `test-results/suggest-${width}.png`, fullPage: true });
	});
}

test('a reader suggests in a published document that takes suggestions', async ({ browser }) => {
	test.setTimeout(budget(180_000));
	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	// Sara is in no group of Anna's: she reads the document and may only suggest.
	const sara = await signedInPage(browser, 'sara.holm@oru.test');
	const path = await createDocument(anna, `Publicerad modell ${tag}`);
	await text(anna).click();
	await anna.keyboard.type('Modellen gäller alla.');
	await allSaved(anna);
	// Status and the suggestions setting sit in the folded "Status och uppgifter".
	await anna.locator('summary', { hasText: 'Status och uppgifter' }).click();
	await anna.locator('#document-status').selectOption('published');
	await anna.getByRole('button', { name: 'Ändra status' }).click();
	await expect(anna.locator('#document-status')).toHaveValue('published');
	await anna.getByRole('button', { name: 'Låt läsare föreslå ändringar' }).click();
	await expect(anna.getByRole('button', { name: 'Stäng för förslag från läsare' })).toBeVisible();

	await openDocument(sara, path);
	await expect(sara.getByText('Du kan läsa dokumentet och föreslå ändringar.')).toBeVisible();
	await expect(sara.getByRole('group', { name: 'Läge' })).toHaveCount(0);
	// A new paragraph (Enter, then text): a block of its own that Anna sees marked live and that
	// is still there, still a suggestion, when she opens the document again.
	await text(sara).click();
	await sara.keyboard.press('Control+End');
	await sara.keyboard.press('Enter');
	await sara.keyboard.type('Utom Örebro.');
	await allSaved(sara);

	const suggested = anna.locator('#document-text p', { hasText: 'Utom Örebro.' });
	await expect(suggested.locator('ins[data-author="Sara Holm"]')).toHaveText(/Utom Örebro\./);

	// Sara says why, in a thread on her suggestion.
	await sara.getByRole('button', { name: /^Kommentera förslaget från Sara Holm/ }).click();
	await sara.getByLabel('Varför föreslås ändringen?').fill('Örebro har en egen modell.');
	await sara.getByRole('button', { name: 'Kommentera', exact: true }).click();
	await expect(sara.getByText('Om ett förslag')).toBeVisible();

	await openDocument(anna, path);
	await expect(suggested.locator('ins[data-author="Sara Holm"]')).toHaveText(/Utom Örebro\./);
	await expect(anna.locator('#document-text p')).toHaveCount(2);
	const panel = anna.getByRole('region', { name: /^Förslag/ });
	await expect(panel.getByText('Örebro har en egen modell.')).toBeVisible();
	await expectAccessible(anna);
	await anna.getByRole('button', { name: 'Godkänn alla' }).click();
	await expect(sara.locator('#document-text p')).toHaveText([
		'Modellen gäller alla.',
		'Utom Örebro.'
	]);
	await expect(sara.locator('#document-text ins')).toHaveCount(0);
	// Decided, the thread is resolved and kept.
	await anna.getByLabel('Visa lösta kommentarer').check();
	await expect(anna.getByText(/^Löst av Anna Lind/)).toBeVisible();
});
