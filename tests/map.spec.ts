import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Issue 6, the knowledge map: member municipalities × the 17 goals from the demo data. Avesta
// (Anna) has, in the open group "attraktivitet" (goals 8, 11), a published experience and a
// public document on goals 8 and 11, and research is linked to the group; in the closed group
// "kompetensforsorjning" (goals 4, 8) an experience on goals 4 and 8 that only its members may
// count. Since the map counts what municipalities do, not only what they write: Ludvika (Erik)
// co-wrote that public document, uses it ("Vi använder detta") and takes part in
// "attraktivitet"; Avesta takes part in both groups. Who wrote in a document and who is in which
// group are seen only signed in; which organization uses a public tool is public.

const avesta8 = /Avesta kommun, mål 8:/;

async function cell(page: Page, name: RegExp) {
	return page.getByRole('region', { name: /Kunskapskartan/ }).getByRole('link', { name });
}

test('signed out: the public document counts, its cell lists it, and the page passes axe', async ({
	page
}) => {
	await open(page, '/map');
	await expect(page.locator('h1')).toHaveText('Kunskapskartan');
	await expect(page.getByRole('table')).toHaveCount(1);
	const link = await cell(page, avesta8);
	// Signed out: Avesta wrote the public document (1). Ludvika's 1 is the tool it uses; its
	// co-writing and its membership are not public.
	await expect(link).toHaveAccessibleName(
		/^1 – Avesta kommun, mål 8: erfarenheter 0, dokument 1, forskning 0, verktyg i bruk 0, grupper 0$/
	);
	await expect(await cell(page, /Ludvika kommun, mål 8:/)).toHaveAccessibleName(
		/^1 – Ludvika kommun, mål 8: erfarenheter 0, dokument 0, forskning 0, verktyg i bruk 1, grupper 0$/
	);
	await expectAccessible(page);
	await link.click();
	await expect(page).toHaveURL(/\/map\/avesta\/8$/);
	await expect(
		page.getByRole('link', { name: 'Modell för välkomstsamtal med nyinflyttade' })
	).toBeVisible();
	await expectAccessible(page);
});

test('signed in: experiences, research, co-writing, tools in use and groups count', async ({
	page
}) => {
	await logIn(page, 'olle.ek@filipstad.test');
	await open(page, '/map');
	// Olle (Filipstad) is in no group: he sees the open group but not the closed one, so Avesta
	// counts its open experience, its document, the group's research and one group.
	await expect(await cell(page, avesta8)).toHaveAccessibleName(
		/^4 – Avesta kommun, mål 8: erfarenheter 1, dokument 1, forskning 1, verktyg i bruk 0, grupper 1$/
	);
	// Ludvika co-wrote the document (1), so the research linked to the group reaches it too (1);
	// it uses the document (1) and takes part in the group (1).
	await expect(await cell(page, /Ludvika kommun, mål 8:/)).toHaveAccessibleName(
		/^4 – Ludvika kommun, mål 8: erfarenheter 0, dokument 1, forskning 1, verktyg i bruk 1, grupper 1$/
	);
	await (await cell(page, /Avesta kommun, mål 11:/)).click();
	const main = page.locator('main');
	await expect(
		main.getByRole('link', { name: 'Välkomstpaket för nyinflyttade i Avesta' })
	).toBeVisible();
	await expect(main.getByRole('link', { name: /Att stanna eller flytta/ })).toBeVisible();
	await expectAccessible(page);
	// The cell page lists what the table counts for Ludvika: the tool and the group too.
	await open(page, '/map/ludvika/8');
	await expect(page.getByRole('heading', { name: 'Verktyg som används (1)' })).toBeVisible();
	await expect(main.getByRole('link', { name: 'Attraktivitet', exact: true })).toBeVisible();
	await expectAccessible(page);
});

test('a closed group’s experience counts for its member Anna', async ({ page }) => {
	await logIn(page, 'anna.lind@avesta.test');
	await open(page, '/map/avesta/8');
	const main = page.locator('main');
	await expect(
		main.getByRole('link', { name: 'Gemensam rekryteringsmässa med grannkommunerna' })
	).toBeVisible();
	await open(page, '/map');
	// Two experiences (the closed group's too), the document, the research and two groups.
	await expect(await cell(page, avesta8)).toHaveAccessibleName(
		/^6 – Avesta kommun, mål 8: erfarenheter 2, dokument 1, forskning 1, verktyg i bruk 0, grupper 2$/
	);
});

test('by county, at 320 px, with a keyboard', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await open(page, '/map');
	await page.getByRole('link', { name: 'Per län' }).click();
	await expect(page).toHaveURL(/view=counties/);
	await expect(page.getByRole('rowheader', { name: 'Dalarnas län' })).toBeVisible();
	const region = page.getByRole('region', { name: /Kunskapskartan/ });
	await region.focus();
	await expect(region).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expectAccessible(page);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(320);
});

test('CSV download: BOM, header row, one row per municipality', async ({ page }) => {
	await open(page, '/map');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Allt sammanräknat (CSV)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('kunskapskarta.csv');
	const text = await readFile((await download.path())!, 'utf8');
	const lines = text.replace(/^\uFEFF/, '').split('\r\n');
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(lines[0]).toBe(
		`Kommun eller region;Län;${Array.from({ length: 17 }, (_, i) => `Mål ${i + 1}`).join(';')};Totalt`
	);
	expect(lines.find((l) => l.startsWith('Avesta kommun;Dalarnas län;'))!.split(';')[9]).toBe('1');
	// The CSV agrees with the table: Ludvika's signed-out 1 on goal 8 is the tool it uses.
	expect(lines.find((l) => l.startsWith('Ludvika kommun;Dalarnas län;'))!.split(';')[9]).toBe('1');
	const research = await page.request.get('/map.csv?type=research');
	expect(research.headers()['content-type']).toContain('text/csv');
	const uses = (await (await page.request.get('/map.csv?type=uses')).text()).split('\r\n');
	expect(uses.find((l) => l.startsWith('Ludvika kommun;'))!.split(';')[9]).toBe('1');
});
