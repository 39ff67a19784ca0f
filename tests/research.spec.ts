import { join } from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { signedInPage } from './support/documents.ts';
import { expectAccessible, open } from './support/helpers.ts';

// Issue 5: Sara imports two papers from a BibTeX file and tags them with SDG 8 and 11; Anna
// finds them on /agenda2030/8 and in the radar of her group "attraktivitet", proposes a link,
// and Sara confirms it, after which it shows on both sides.

const tag = Date.now().toString(36);
const first = `Mottagning av nya invånare i Bergslagen ${tag}`;
const second = `Arbetsmarknad och attraktivitet i bruksorter ${tag}`;
const bibtex = `@article{holm${tag}a,
  title = {${first}},
  author = {Holm, Sara and Berglund, Johan},
  year = {2026},
  journal = {Regional utveckling},
  abstract = {Hur kommuner tar emot nya invånare och vad det betyder för attraktivitet och inflyttning.},
  keywords = {attraktivitet, inflyttning, mottagning}
}

@techreport{holm${tag}b,
  title = {${second}},
  author = {Holm, Sara},
  year = {2025},
  institution = {Örebro universitet},
  abstract = {Arbetsmarknad, bostäder och attraktivitet avgör om invånare stannar i små kommuner.}
}
`;

test('imported research reaches a group and is linked after both sides agree', async ({
	browser
}) => {
	const sara = await signedInPage(browser, 'sara.holm@oru.test');
	await open(sara, '/research/import');
	await expectAccessible(sara);
	await sara.getByLabel('Fil', { exact: true }).setInputFiles({
		name: 'referenser.bib',
		mimeType: 'application/x-bibtex',
		buffer: Buffer.from(bibtex)
	});
	await sara.getByRole('button', { name: 'Visa förhandsgranskning' }).click();
	const entries = sara.getByRole('table', { name: 'Poster i filen' });
	await expect(entries.getByRole('row')).toHaveCount(3);
	await expect(entries).toContainText(first);
	await expectAccessible(sara);
	const goals = sara.getByRole('group', { name: /Globala mål för alla valda poster/ });
	await goals.getByRole('checkbox', { name: /^Mål 8:/ }).check();
	await goals.getByRole('checkbox', { name: /^Mål 11:/ }).check();
	await sara.getByRole('button', { name: 'Importera valda poster' }).click();
	await expect(sara.getByText('2 poster importerades.')).toBeVisible();

	const anna = await signedInPage(browser, 'anna.lind@avesta.test');
	await open(anna, '/agenda2030/8');
	await expect(anna.locator('main')).toContainText(first);
	await expectAccessible(anna);

	await open(anna, '/groups/attraktivitet');
	const radar = anna.getByRole('region', { name: 'Forskning som kan vara relevant' });
	const hit = radar.getByRole('listitem').filter({ hasText: first });
	await expect(hit).toContainText('Gemensamma mål');
	await hit.getByRole('button', { name: /Föreslå koppling/ }).click();
	await expect(hit.getByRole('status')).toContainText('Kopplingen är föreslagen');

	await open(sara, '/research');
	await sara.getByRole('link', { name: first }).click();
	await sara.waitForURL(/\/research\/[0-9a-f-]{36}$/);
	const links = sara.getByRole('region', { name: 'Används i' });
	await expect(links).toContainText('attraktivitet', { ignoreCase: true });
	await links.getByRole('button', { name: 'Bekräfta kopplingen' }).click();
	await expect(sara.getByText('Kopplingen är bekräftad')).toBeVisible();
	await expectAccessible(sara);

	await open(anna, '/groups/attraktivitet');
	const linked = anna.getByRole('region', { name: 'Forskning som kan vara relevant' });
	await expect(linked.getByRole('link', { name: first })).toBeVisible();
});

test('signed out, research is readable and exports as BibTeX', async ({ page }) => {
	await open(page, '/research');
	await page.getByRole('link', { name: /Att stanna eller flytta/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Att stanna eller flytta');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'BibTeX' }).click();
	const file = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of file) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString();
	expect(text).toContain('Att stanna eller flytta');
	// Its confirmed goals travel as keywords, for reference managers.
	expect(text).toMatch(/keywords = \{[^}]*SDG 8, SDG 11/);
	await expectAccessible(page);
});

test("JabRef's example file imports with a warning on the entry that uses an undefined abbreviation", async ({
	browser
}) => {
	const sara = await signedInPage(browser, 'sara.holm@oru.test');
	await open(sara, '/research/import');
	await sara
		.getByLabel('Fil', { exact: true })
		.setInputFiles(
			join(
				import.meta.dirname,
				'../src/lib/server/research/formats/samples/jabref-importer-examples.bib'
			)
		);
	await sara.getByRole('button', { name: 'Visa förhandsgranskning' }).click();
	const entries = sara.getByRole('table', { name: 'Poster i filen' });
	await expect(entries.getByRole('row')).toHaveCount(3);
	const aksin = entries.getByRole('row').filter({ hasText: 'Mizoroki-Heck' });
	await expect(aksin).toContainText('Okänd förkortning "jomch" i fältet journal (rad 38)');
	await expect(entries.getByRole('row').filter({ hasText: 'Git: dezentrale' })).toContainText(
		'Inga problem'
	);
	await expectAccessible(sara);
});

test('the target choices say once that the official text is in English, and mark it', async ({
	browser
}) => {
	const sara = await signedInPage(browser, 'sara.holm@oru.test');
	await open(sara, '/research/new');
	await sara.getByRole('checkbox', { name: /^Mål 8:/ }).check();
	const targets = sara.getByRole('group', { name: /^Delmål/ }).first();
	await expect(targets.getByRole('checkbox', { name: /^8\.5/ })).toBeVisible();
	await expect(targets.locator('label [lang="en"]').first()).toBeVisible();
	await expect(sara.getByText('Delmålen finns än så länge bara på engelska')).toHaveCount(1);
	await expectAccessible(sara);
});
