import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, linkFromMail, logIn, mailsTo, open, origin } from './support/helpers.ts';

// Meetings: an administrator opens registration with one place; Anna takes it, Erik waits, Anna
// cancels and Erik moves up (and is told by e-mail); the organizer sees the list, marks
// attendance, exports it, and builds the programme. Signed out, the past seminar's programme
// shows its documentation. Axe at phone and desktop widths.

const tag = Date.now().toString(36);
const title = `Workshop om besöksnäring ${tag}`;

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
	test.setTimeout(90_000);
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
	await page
		.getByLabel(/Gästens namn/)
		.first()
		.fill('Maja Berg');
	await page.getByRole('button', { name: 'Spara programpunkten' }).click();
	await expect(page.getByText('Programpunkten är sparad.')).toBeVisible();
	await expect(page.getByRole('heading', { name: `Krock ${tag}` })).toBeVisible();

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
