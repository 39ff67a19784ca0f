import { expect, test } from './support/fixtures.ts';
import mammoth from 'mammoth';
import { allSaved, createDocument, editorText } from './support/documents.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Issue 4, versions and export: Anna saves a named version, rewrites the text, compares, and
// restores the version while the document is open in another tab, which receives the old
// text at once; then she downloads the Word file and its text is the restored one.

const tag = Date.now().toString(36);
const title = `Versioner ${tag}`;
const original = 'Den ursprungliga texten om mottagning.';
const rewritten = 'Helt ny text som ersätter allt.';

const text = editorText;
const saved = allSaved;

test('save a named version, restore it, and download the Word file', async ({ page, context }) => {
	await logIn(page, 'anna.lind@avesta.test');
	const path = await createDocument(page, title);
	await text(page).click();
	await page.keyboard.type(original);
	await saved(page);

	// A named version of the text as it is now.
	await open(page, `${path}/history`);
	await page.getByLabel('Namn på versionen').fill('Första utkastet');
	await page.getByRole('button', { name: 'Spara version' }).click();
	await expect(page.locator('main').getByRole('status')).toContainText(
		'Versionen ”Första utkastet” är sparad.'
	);
	const list = page.getByRole('region', { name: 'Sparade versioner, nyast först' });
	const entry = list.getByRole('listitem').filter({ hasText: 'Första utkastet' });
	await expect(entry).toContainText('Namngiven');
	await expectAccessible(page);

	// The text is rewritten.
	await open(page, path);
	await saved(page);
	await text(page).click();
	await page.keyboard.press('Control+a');
	await page.keyboard.type(rewritten);
	await saved(page);
	await expect(text(page)).not.toContainText('ursprungliga');

	// The version, read-only, and what changed since.
	await open(page, `${path}/history`);
	await entry.getByRole('link', { name: /^Visa/ }).click();
	await expect(page.locator('.content')).toContainText(original);
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Jämförelse med nu' }).click();
	await expect(page.locator('.diff del').first()).toContainText('ursprungliga');
	await expect(page.locator('.diff ins').first()).toContainText('ersätter');
	await expect(page.locator('.diff del .visually-hidden').first()).toHaveText('borttaget: ');
	await expectAccessible(page);

	// Restoring while the document is open elsewhere: that editor receives the old text.
	const other = await context.newPage();
	await open(other, path);
	await saved(other);
	await expect(text(other)).toContainText(rewritten);
	await page.getByLabel('Jag vill ersätta dokumentets innehåll med den här versionen').check();
	await page.getByRole('button', { name: 'Återställ versionen' }).click();
	await expect(page).toHaveURL(/\/history\?restored=/);
	await expect(page.locator('main').getByRole('status')).toContainText('Dokumentet är återställt.');
	await expect(list.getByRole('listitem').first()).toContainText('Före återställning');
	await expect(text(other)).toContainText(original);
	await expect(text(other)).not.toContainText(rewritten);

	// Any two versions: the first draft against the text as it was just before the restore.
	const idOf = async (item: typeof entry) =>
		(await item.getByRole('link', { name: /^Visa/ }).getAttribute('href'))!.split('/').pop()!;
	const draft = await idOf(entry);
	const beforeRestore = await idOf(list.getByRole('listitem').first());
	const compare = page.getByRole('region', { name: 'Jämför två versioner' });
	await compare.getByLabel('Från').selectOption(draft);
	await compare.getByLabel('Till').selectOption(beforeRestore);
	await compare.getByRole('button', { name: 'Jämför' }).click();
	await expect(page).toHaveURL(new RegExp(`/history/${draft}\\?compare=${beforeRestore}$`));
	await expect(
		page.getByText(/Skillnader från den här versionen till versionen från/)
	).toBeVisible();
	await expect(page.locator('.diff del').first()).toContainText('ursprungliga');
	await expect(page.locator('.diff ins').first()).toContainText('ersätter');
	await expectAccessible(page);

	await open(page, path);
	await expect(text(page)).toContainText(original);

	// The Word file has the restored text.
	// The export links sit in the folded "Exportera".
	await page.locator('summary', { hasText: 'Exportera' }).click();
	const download = page.waitForEvent('download');
	await page.locator(`a[href="${path}/export/docx"]`).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`${title}.docx`);
	const { value } = await mammoth.extractRawText({ path: await file.path() });
	expect(value).toContain(title);
	expect(value).toContain(original);
	expect(value).not.toContain(rewritten);
});
