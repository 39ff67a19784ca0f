import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
	budget,
	expectAccessible,
	linkFromMail,
	logIn,
	mailbox,
	open,
	origin
} from './support/helpers.ts';

// The newsletter and Bergslagsakademin: a visitor subscribes (double opt-in), an administrator
// composes, previews and sends an issue to a segment (the public subscribers and the members in
// one county), the visitor gets it by SMTP and unsubscribes (page
// and one-click); an officer applies for Filipstad and an administrator approves.

const tag = Date.now().toString(36);

/** A status message (the page has several live regions: search, each form). */
async function said(page: Page, text: string) {
	await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
}

async function accessibleAtBothWidths(page: Page) {
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
	}
}

test('subscribe, compose, preview, send and unsubscribe', async ({ page }) => {
	// Several pages each checked by axe at two widths; the busy CI machine needs the room.
	test.setTimeout(budget(120_000));
	const visitor = `reader-${tag}@example.test`;
	await open(page, '/newsletter');
	await expect(page.getByRole('link', { name: /Nyhetsbrev våren 2026/ })).toBeVisible();
	await page.getByLabel('E-postadress').fill(visitor);
	await page.getByRole('button', { name: 'Prenumerera' }).click();
	await said(page, 'strax ett brev');
	await accessibleAtBothWidths(page);
	await open(page, await linkFromMail(visitor, `${origin}/newsletter/confirm?token=`));
	await page.getByRole('button', { name: 'Bekräfta' }).click();
	await said(page, 'Du får nästa nummer');

	await logIn(page, 'admin@erfa.test');
	await open(page, '/admin/newsletter');
	await page.getByRole('link', { name: 'Nytt nummer' }).click();
	const subject = `Hösten ${tag}`;
	await page.getByLabel('Ämnesrad på svenska').fill(subject);
	// Nothing but a subject: refused with a message, nothing saved.
	await page.getByRole('button', { name: 'Spara utkast' }).click();
	await expect(page.getByRole('alert')).toContainText('Nyhetsbrevet är tomt');
	await expect(page).toHaveURL(/\/admin\/newsletter\/new/);

	const intro = page.locator('.rich-text-content').first();
	await intro.click();
	// Pressing a toolbar button leaves the focus in the text, so what is typed next lands there.
	const bold = page.getByRole('button', { name: 'Fetstil' }).first();
	const box = (await bold.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await expect(intro).toBeFocused();
	await page.mouse.up();
	await page.keyboard.type('Välkommen');
	await bold.click();
	await page.keyboard.type(' till höstens nummer.');
	await page.getByRole('checkbox', { name: /Ta med\W+Bergslagen 2030/ }).check();
	await page.getByRole('button', { name: /Flytta upp: Bergslagen 2030/ }).click();
	await accessibleAtBothWidths(page);
	await page.getByRole('button', { name: 'Spara utkast' }).click();
	await said(page, 'Utkastet är sparat');

	await page.getByRole('link', { name: 'Förhandsgranska – Engelska' }).click();
	await expect(page.locator('pre')).toContainText('newsletter from Intresseföreningen Bergslaget');
	await page.getByRole('link', { name: 'Svenska', exact: true }).click();
	await expect(page.locator('pre')).toContainText('Välkommen till höstens nummer.');
	await accessibleAtBothWidths(page);
	// The HTML part on its own, as a mail client shows it: axe checks the mail itself.
	await page.getByRole('link', { name: 'Öppna brevet som e-post' }).click();
	await expect(page.locator('strong')).toHaveText('Välkommen');
	await expect(page.getByRole('link', { name: 'Bergslagen 2030 – årskonferens' })).toBeVisible();
	await accessibleAtBothWidths(page);
	await page.goBack();

	await page.getByRole('link', { name: 'Redigera nyhetsbrevet' }).click();
	await page.getByRole('button', { name: 'Skicka nyhetsbrevet' }).click();
	await expect(page.locator('#confirm-error')).toContainText('förhandsgranskat');
	await page.getByLabel('Jag har förhandsgranskat numret').check();
	// A segment that chooses nobody is refused; one that does is counted before it is sent.
	await page.getByRole('radio', { name: 'Ett urval' }).check();
	await page.getByRole('button', { name: 'Skicka nyhetsbrevet' }).click();
	await expect(page.locator('#audience-error')).toContainText('Välj minst en');
	await page.getByLabel('Prenumeranter som inte är medlemmar').check();
	await page.getByText(/^Län och organisationer/).click();
	await page.getByLabel('Alla medlemmar i Dalarnas län').check();
	// The count follows the choices as they change; the button counts without JavaScript.
	await said(page, 'får numret med de här valen');
	await page.getByRole('button', { name: 'Räkna mottagarna' }).click();
	await said(page, 'får numret med de här valen');
	await expect(page.getByRole('radio', { name: 'Ett urval' })).toBeChecked();
	await accessibleAtBothWidths(page);
	await page.getByLabel('Jag har förhandsgranskat numret').check();
	await page.getByRole('button', { name: 'Skicka nyhetsbrevet' }).click();
	await expect(async () => {
		await page.reload();
		await expect(page.getByRole('status').filter({ hasText: 'är skickat' })).toBeVisible({
			timeout: 1000
		});
	}).toPass({ timeout: budget(20_000) });

	const unsubscribe = await linkFromMail(visitor, `${origin}/newsletter/unsubscribe?token=`);
	// RFC 8058: a mail provider's POST, with no cookie and no Origin, is answered by the server.
	const oneClick = unsubscribe.replace(
		'/newsletter/unsubscribe?',
		'/newsletter/unsubscribe/one-click?'
	);
	const forged = await page.request.post(`${oneClick}x`, {
		form: { 'List-Unsubscribe': 'One-Click' },
		headers: { origin: 'https://mail.example' }
	});
	expect(forged.status()).toBe(404);
	await open(page, unsubscribe);
	await page.getByRole('button', { name: 'Avsluta prenumerationen' }).click();
	await said(page, 'Du prenumererar inte längre');
	const again = await page.request.post(oneClick, {
		form: { 'List-Unsubscribe': 'One-Click' },
		headers: { origin: 'https://mail.example' }
	});
	expect(again.status()).toBe(200);

	await open(page, '/newsletter');
	await page.getByRole('link', { name: subject }).click();
	await expect(page.locator('h1')).toHaveText(subject);
	await expect(page.locator('main strong')).toHaveText('Välkommen');
});

test('an officer applies to take part and an administrator approves', async ({ page, browser }) => {
	// Three people, each page checked by axe at two widths: the busy CI machine needs the room.
	test.setTimeout(budget(120_000));
	// One application per municipality and year: a retry starts again from the seeded year.
	const reset = await fetch(`${mailbox}/academy-reset?email=olle.ek@filipstad.test`, {
		method: 'POST'
	});
	expect(reset.ok).toBe(true);
	const year = new Date().getFullYear();
	await logIn(page, 'olle.ek@filipstad.test');
	await open(page, '/bergslagsakademin');
	await expect(page.getByRole('heading', { name: `Årets tema ${year}` })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ludvika kommun' })).toBeVisible();
	await page.getByLabel('Representant', { exact: true }).fill('Olle Ek');
	await page.getByLabel('Representantens e-postadress').fill('olle.ek@filipstad.test');
	await page.getByRole('button', { name: 'Skicka ansökan' }).click();
	await said(page, 'väntar på godkännande');
	// The same year twice: refused with a message.
	await page.getByLabel('Representant', { exact: true }).fill('Olle Ek');
	await page.getByLabel('Representantens e-postadress').fill('olle.ek@filipstad.test');
	await page.getByRole('button', { name: 'Skicka ansökan' }).click();
	await expect(page.locator('#field-year-error')).toContainText(`redan en ansökan för ${year}`);
	await accessibleAtBothWidths(page);

	const admin = await (await browser.newContext()).newPage();
	await logIn(admin, 'admin@erfa.test');
	await open(admin, '/admin/bergslagsakademin');
	const application = admin
		.getByRole('listitem')
		.filter({ hasText: `Filipstads kommun – ${year}` });
	await expect(application.getByLabel('Överenskommet bidrag (kr)')).toHaveValue('10000');
	await application.getByRole('button', { name: 'Godkänn' }).click();
	await said(admin, 'är godkänd');
	await expect(admin.getByRole('rowheader', { name: 'Filipstads kommun' })).toBeVisible();
	await accessibleAtBothWidths(admin);

	const visitor = await (await browser.newContext()).newPage();
	await open(visitor, '/bergslagsakademin');
	await expect(visitor.getByRole('link', { name: 'Filipstads kommun' })).toBeVisible();
	// What a participant pays and who represents it stay with the administrators.
	await expect(visitor.locator('main')).not.toContainText('Lundqvist');
	await expect(visitor.getByRole('table')).toHaveCount(0);
	await accessibleAtBothWidths(visitor);
});
