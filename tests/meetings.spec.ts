import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import {
	budget,
	expectAccessible,
	linkFromMail,
	logIn,
	mailsTo,
	open,
	origin
} from './support/helpers.ts';

// Meetings: an administrator opens registration with one place; Anna takes it, Erik waits, Anna
// cancels and Erik moves up (and is told by e-mail); the organizer sees the list, marks
// attendance, exports it, and builds the programme (a speaker found by name; a 200 MB slide
// file refused before it is read). A workshop of two groups: on the second group's page, a
// registration cancelled from the list, a results document. Signed out, the past seminar's
// programme shows its documentation. Axe at phone and desktop widths.

const tag = Date.now().toString(36);
const title = `Workshop om besöksnäring ${tag}`;

const MB = 1024 * 1024;

/** Posts a 200 MB slide file to the upload action without writing it anywhere: with a declared
 * length (only its first megabyte is sent; the answer must not wait for more), or chunked (no
 * length, so the server counts), sent until answered. The server may close the connection
 * while this still writes: the answer read before that counts. */
function postHugeSlides(path: string, cookie: string, declared: boolean) {
	return new Promise<{ status: number; body: string; sent: number }>((resolve) => {
		const boundary = `b${tag}`;
		const head = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="slides"; filename="stor.pdf"\r\n` +
				'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n'
		);
		const req = request(`${origin}${path}?/upload`, {
			method: 'POST',
			headers: {
				cookie,
				origin,
				'content-type': `multipart/form-data; boundary=${boundary}`,
				...(declared ? { 'content-length': String(200 * MB) } : {})
			}
		});
		let sent = 0;
		let status = 0;
		let body = '';
		const finish = () => resolve({ status, body, sent });
		req.on('response', (res) => {
			status = res.statusCode!;
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', finish);
			res.on('error', finish);
		});
		// The server may close the connection while this still writes: what was answered before
		// that counts, and the request ends with its connection.
		req.on('error', () => {});
		req.on('close', finish);
		req.write(head);
		const chunk = Buffer.alloc(MB);
		const pump = () => {
			while (!status && !req.destroyed && sent < (declared ? MB : 200 * MB)) {
				sent += MB;
				if (!req.write(chunk)) return void req.once('drain', pump);
			}
		};
		pump();
	});
}

/** The app's folders for uploads in progress; empty once every upload is answered. */
async function uploadsInProgress(): Promise<string[]> {
	const data = join(import.meta.dirname, `../.data/e2e-${process.env.E2E_PORT}`);
	const dirs = [join(data, 'uploads', '.incoming'), join(data, 'event-files', '.tmp')];
	const lists = await Promise.all(dirs.map((d) => readdir(d).catch(() => [])));
	return lists.flat();
}

async function both(page: Page) {
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
	}
}

test('register until full, waitlist, cancel, promotion, and the organizer’s list', async ({
	page,
	browser
}) => {
	test.setTimeout(budget(90_000));
	await logIn(page, 'admin@erfa.test');
	await open(page, '/events/new');
	await page.getByLabel('Rubrik').fill(title);
	await page.getByLabel('Typ').selectOption({ label: 'Workshop' });
	await page.getByLabel('Börjar').fill('2030-03-10T09:00');
	await page.getByLabel('Slutar').fill('2030-03-10T12:00');
	await page.getByLabel('Ta emot anmälningar i Erfa').check();
	await page.getByLabel(/^Antal platser/).fill('0');
	await page.getByLabel(/Sista anmälningsdag/).fill('2030-03-11T09:00');
	await page.getByRole('button', { name: 'Skapa evenemanget' }).click();
	await expect(page.getByText(/Skriv ett heltal, minst 1/)).toBeVisible();
	await page.getByLabel(/^Antal platser/).fill('1');
	await page.getByRole('button', { name: 'Skapa evenemanget' }).click();
	await expect(page.getByText(/kan inte vara efter att evenemanget har slutat/)).toBeVisible();
	await page.getByLabel(/Sista anmälningsdag/).fill('2030-03-09T12:00');
	await page.getByRole('button', { name: 'Skapa evenemanget' }).click();
	await expect(page.locator('h1')).toHaveText(title);
	const eventUrl = page.url().replace(/\?.*$/, '');

	await page.getByRole('link', { name: 'Deltagare och frågor' }).click();
	await page.getByLabel('Ny fråga').fill('Specialkost');
	await page.getByLabel(/Känsliga uppgifter/).check();
	await page.getByRole('button', { name: 'Lägg till frågan' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Specialkost' })).toBeVisible();

	const anna = await (await browser.newContext()).newPage();
	await logIn(anna, 'anna.lind@avesta.test');
	await open(anna, eventUrl);
	await expect(anna.getByText('1 av 1 platser kvar.')).toBeVisible();
	await anna.getByLabel(/Specialkost/).fill('Vegetarisk');
	await anna.getByRole('button', { name: 'Anmäl mig' }).click();
	await expect(anna.getByText(/Du är anmäld\. En bekräftelse/)).toBeVisible();
	await both(anna);

	const erik = await (await browser.newContext()).newPage();
	await logIn(erik, 'erik.berg@ludvika.test');
	await open(erik, eventUrl);
	await expect(erik.getByText(/Fullt\./)).toBeVisible();
	await erik.getByRole('button', { name: 'Ställ mig på väntelistan' }).click();
	await expect(erik.getByText(/Du står på väntelistan, plats 1/)).toBeVisible();

	await anna.getByRole('button', { name: 'Avboka min plats' }).click();
	await expect(anna.getByText('Din anmälan är avbokad.')).toBeVisible();
	await open(erik, eventUrl);
	await expect(erik.getByText('Du är anmäld (På plats).')).toBeVisible();
	await expect
		.poll(async () => (await mailsTo('erik.berg@ludvika.test')).some((m) => m.includes(tag)))
		.toBe(true);
	const mails = await mailsTo('erik.berg@ludvika.test');
	expect(mails.some((m) => m.includes('text/calendar'))).toBe(true);

	await page.reload();
	const row = page.getByRole('row', { name: /Erik Berg/ });
	await expect(row).toContainText('Bekräftad');
	await expect(page.getByRole('row', { name: /Anna Lind/ })).toHaveCount(0);
	await row.getByRole('button', { name: /Markera närvaro/ }).click();
	await expect(page.getByText('Markerad som närvarande.')).toBeVisible();
	await both(page);
	const csv = await page.request.get(
		(await page.getByRole('link', { name: /Ladda ner deltagarlistan/ }).getAttribute('href'))!
	);
	expect(await csv.text()).toMatch(/Erik Berg;erik\.berg@ludvika\.test;.*;Ja;/);

	const denied = await erik.goto(`${eventUrl}/participants`);
	expect(denied!.status()).toBe(403);
});

test('the organizer builds the programme; a clash in one room is refused', async ({ page }) => {
	await logIn(page, 'admin@erfa.test');
	await open(page, '/events');
	await page.getByRole('link', { name: 'Bergslagen 2030 – årskonferens' }).first().click();
	await page.getByRole('link', { name: 'Program och dokumentation' }).click();
	await expect(
		page.getByRole('heading', { name: /Workshop: Attraktiva stationssamhällen/ })
	).toBeVisible();
	await page.getByRole('link', { name: 'Visa per spår' }).click();
	await expect(page.getByRole('heading', { name: 'Spår A – Kompetens' })).toBeVisible();
	await both(page);

	await page.getByRole('link', { name: 'Lägg till programpunkt' }).click();
	const day = (await page.getByLabel('Börjar').inputValue()).slice(0, 10);
	await page.getByLabel('Rubrik').fill(`Krock ${tag}`);
	await page.getByLabel('Börjar').fill(`${day}T09:45`);
	await page.getByLabel('Slutar').fill(`${day}T10:15`);
	await page.getByLabel(/^Lokal/).fill('Stora salen');
	await page.getByRole('button', { name: 'Spara programpunkten' }).click();
	await expect(page.getByText(/Stora salen är redan upptagen av ”Hur går det/)).toBeVisible();
	await page.getByLabel(/^Lokal/).fill('Lilla salen');
	const person = page.getByRole('combobox', { name: /Person i Erfa/ }).first();
	await person.pressSequentially('holm');
	await expect(page.getByRole('option', { name: /Sara Holm/ })).toBeVisible();
	await person.press('ArrowDown');
	await person.press('ArrowUp');
	await person.press('Enter');
	await expect(page.getByText('Vald: Sara Holm')).toBeVisible();
	await page.getByRole('button', { name: 'Spara programpunkten' }).click();
	await expect(page.getByText('Programpunkten är sparad.')).toBeVisible();
	await expect(page.getByRole('heading', { name: `Krock ${tag}` })).toBeVisible();
	const krock = page.getByRole('heading', { name: `Krock ${tag}` });
	await expect(page.getByRole('listitem').filter({ has: krock })).toContainText('Sara Holm');

	// After the day: a summary and the slides, streamed to disk by the upload route.
	await page
		.getByRole('link', { name: new RegExp(`Redigera och dokumentera.*Krock ${tag}`) })
		.click();
	await page.getByLabel(/Sammanfattning/).fill('Vi enades om **tre** åtgärder.');
	await page.getByRole('button', { name: 'Spara dokumentationen' }).click();
	await expect(page.getByText('Dokumentationen är sparad.')).toBeVisible();
	const slides = (name: string, text: string) => ({
		name,
		mimeType: 'application/pdf',
		buffer: Buffer.from(text)
	});
	await page.getByLabel(/Bilder \(PDF/).setInputFiles(slides('fel.pdf', 'inte en pdf'));
	await page.getByRole('button', { name: 'Ladda upp' }).click();
	await expect(page.getByRole('alert')).toContainText('Bara PDF och PowerPoint');
	await page.getByLabel(/Bilder \(PDF/).setInputFiles(slides('krock.pdf', '%PDF-1.4\n%%EOF\n'));
	await page.getByRole('button', { name: 'Ladda upp' }).click();
	await expect(page.getByText('Bilderna är uppladdade.')).toBeVisible();
	// 200 MB: refused from its declared length before it is read, or counted when it has none.
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const path = new URL(page.url()).pathname;
	const declared = await postHugeSlides(path, cookie, true);
	expect(declared.status).toBe(413);
	expect(declared.body).toContain('högst 52 MB');
	expect(declared.sent).toBeLessThan(20 * MB);
	const chunked = await postHugeSlides(path, cookie, false);
	expect(chunked.status).toBe(413);
	expect(chunked.body).toContain('högst 52 MB kan skickas hit. Inget har sparats.');
	await page.reload();
	await expect(page.getByRole('link', { name: /krock\.pdf/ })).toHaveCount(1);
	await expect(page.getByRole('link', { name: /stor\.pdf/ })).toHaveCount(0);
	await expect.poll(uploadsInProgress).toEqual([]);
	await page.getByRole('link', { name: /Program och dokumentation:/ }).click();
	await expect(page.getByText('Vi enades om')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Bilder: krock.pdf' })).toBeVisible();
});

test('signed out: a guest registers with double opt-in; the past seminar’s documentation', async ({
	page
}) => {
	const email = `gast-${tag}@example.test`;
	await open(page, '/events');
	await page.getByRole('link', { name: 'Bergslagen 2030 – årskonferens' }).first().click();
	await page.getByText('Inget konto? Anmäl dig som gäst').click();
	await page.getByLabel('Ditt namn').fill('Gunilla Gäst');
	await page.getByLabel('E-postadress').fill(email);
	await page.getByRole('group', { name: 'Hur deltar du?' }).getByLabel('Digitalt').check();
	await page.getByLabel(/Vilken workshop/).selectOption('Spår A – Kompetens');
	await page.getByRole('button', { name: 'Skicka bekräftelselänk' }).click();
	await expect(page.getByText(/Nästan klart!/)).toBeVisible();
	await open(page, await linkFromMail(email, `${origin}/events/`));
	await page.getByRole('button', { name: 'Bekräfta min anmälan' }).click();
	await expect(page.getByText(/Du är anmäld\./)).toBeVisible();
	expect((await page.request.get('/events/feed/forged-token.ics')).status()).toBe(404);

	await open(page, '/events');
	await page
		.getByRole('link', { name: /Välkomstsamtal/ })
		.first()
		.click();
	await page.getByRole('link', { name: 'Program och dokumentation' }).click();
	await expect(page.getByRole('heading', { name: 'Program och dokumentation' })).toBeVisible();
	await expect(page.getByText(/Åtta av tio/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Se inspelningen' })).toBeVisible();
	const slides = page.getByRole('link', { name: /Bilder: Välkomstpaketet/ });
	const file = await page.request.get((await slides.getAttribute('href'))!);
	expect(file.headers()['content-type']).toBe('application/pdf');
	await both(page);
});

test('a workshop of two groups: the second group’s page, a cancel from the list, a results document', async ({
	page,
	browser
}) => {
	test.setTimeout(budget(90_000));
	const workshop = 'Workshop: Kompetens som lockar – attraktiva arbetsgivare';
	const erik = await (await browser.newContext()).newPage();
	await logIn(erik, 'erik.berg@ludvika.test');
	await open(erik, '/events');
	await erik.getByRole('link', { name: workshop }).first().click();
	await erik.getByRole('button', { name: 'Anmäl mig' }).click();
	await expect(erik.getByText(/Du är anmäld\. En bekräftelse/)).toBeVisible();

	// Anna coordinates the lead group; the workshop shows on the second (closed) group's page.
	await logIn(page, 'anna.lind@avesta.test');
	await open(page, '/groups/kompetensforsorjning');
	await page
		.getByRole('region', { name: 'Kommande evenemang' })
		.getByRole('link', { name: workshop })
		.click();
	const groups = page.getByRole('definition').filter({ hasText: 'Attraktivitet' });
	await expect(groups).toContainText('Kompetensförsörjning');

	await page.getByRole('link', { name: 'Deltagare och frågor' }).click();
	await page.getByRole('link', { name: 'Avboka Erik Berg' }).click();
	await expect(page.getByRole('heading', { name: 'Avboka anmälan för Erik Berg?' })).toBeFocused();
	await both(page);
	await page.getByRole('button', { name: 'Ja, avboka anmälan' }).click();
	await expect(page.getByText('Anmälan för Erik Berg är avbokad')).toBeVisible();
	await expect(page.getByRole('row', { name: /Erik Berg/ })).toHaveCount(0);
	await expect
		.poll(async () =>
			(await mailsTo('erik.berg@ludvika.test')).some((m) => m.includes('har avbokat din'))
		)
		.toBe(true);

	// The results go into a document of one of the workshop's groups, linked from the event.
	await page.getByRole('link', { name: /Tillbaka till/ }).click();
	await page.getByLabel('Skapa dokumentet i gruppen').selectOption({ label: 'Attraktivitet' });
	await page.getByRole('button', { name: 'Skapa dokument för resultatet' }).click();
	await expect(page.getByText('Dokumentet för resultatet är skapat.')).toBeVisible();
	const results = page.getByRole('region', { name: 'Resultat' });
	await expect(results.getByRole('link', { name: `Resultat: ${workshop}` })).toBeVisible();
	await both(page);
	await page.getByRole('link', { name: 'Program och dokumentation' }).click();
	await expect(page.getByRole('link', { name: `Resultat: ${workshop}` })).toBeVisible();
});
