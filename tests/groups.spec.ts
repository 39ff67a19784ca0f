import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
	budget,
	expectAccessible,
	open,
	logIn,
	mailsTo,
	runDailyDigest
} from './support/helpers.ts';

// Issue 3's journey: Anna proposes a closed group (an administrator approves it), Olle asks to
// join and Anna approves, Olle posts an experience with an attachment, Erik (not a member)
// cannot see it, and Olle's daily digest arrives over SMTP.

const tag = Date.now().toString(36);
const group = { name: `Hållbar upphandling ${tag}` };
const minimalPdf = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
);

async function as(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
	await logIn(page, email);
	return page;
}

test('a closed group from proposal to a shared experience and a digest', async ({ browser }) => {
	// Four people, a dozen pages under axe, an upload and a digest: one story, so one test, with
	// the budget of two (it took 45–60 s while the other lane ran beside it).
	test.setTimeout(budget(120_000));
	const anna = await as(browser, 'anna.lind@avesta.test');
	await open(anna, '/groups/new');
	await expectAccessible(anna);
	await anna.getByLabel('Gruppens namn').fill(group.name);
	await anna
		.getByLabel('Beskrivning')
		.fill('Vi delar **upphandlingsunderlag** med hållbarhetskrav.');
	await anna.getByLabel('Sluten grupp').check();
	await anna.getByRole('button', { name: 'Skicka förslaget' }).click();
	await expect(anna.getByText(group.name).first()).toBeVisible();

	const admin = await as(browser, 'admin@erfa.test');
	await open(admin, '/admin/groups');
	await expectAccessible(admin);
	await admin
		.getByRole('listitem')
		.filter({ hasText: group.name })
		.getByRole('button', { name: 'Godkänn gruppen' })
		.click();
	await expect(admin.getByText(`${group.name} är godkänd`)).toBeVisible();

	await open(anna, '/groups');
	await expectAccessible(anna);
	await anna.getByRole('link', { name: group.name }).first().click();
	await anna.waitForURL(/\/groups\/[a-z0-9-]+$/);
	const groupUrl = anna.url();
	await expectAccessible(anna);

	const olle = await as(browser, 'olle.ek@filipstad.test');
	await open(olle, groupUrl);
	await olle
		.getByLabel('Meddelande till samordnarna')
		.fill('Jag arbetar med upphandling i Filipstad.');
	await olle.getByRole('button', { name: 'Be om att få gå med' }).click();
	await expect(olle.getByText('Din förfrågan har skickats')).toBeVisible();

	await open(anna, `${groupUrl}/members`);
	await expectAccessible(anna);
	await anna.getByRole('button', { name: 'Godkänn' }).first().click();
	await expect(anna.getByText('Olle Ek är nu medlem i gruppen.')).toBeVisible();

	await open(olle, `${groupUrl}/experiences/new`);
	await expectAccessible(olle);
	await olle.getByLabel('Rubrik').fill('Klimatkrav i livsmedelsupphandling');
	await olle
		.getByLabel('Sammanfattning')
		.fill('Vi ställde krav på utsläpp per kilo och fick fler lokala anbud.');
	await olle.getByLabel('Lägg till filer').setInputFiles({
		name: 'underlag.pdf',
		mimeType: 'application/pdf',
		buffer: minimalPdf
	});
	await olle.getByRole('button', { name: 'Publicera' }).click();
	await expect(olle.getByRole('heading', { level: 1 })).toHaveText(
		'Klimatkrav i livsmedelsupphandling'
	);
	await expect(olle.getByRole('link', { name: /underlag\.pdf/ })).toBeVisible();
	const experienceUrl = olle.url();
	await expectAccessible(olle);

	const erik = await as(browser, 'erik.berg@ludvika.test');
	await open(erik, `${groupUrl}/experiences`);
	await expect(erik.getByText('Klimatkrav i livsmedelsupphandling')).toHaveCount(0);
	await expect(erik.getByText('bara för gruppens medlemmar')).toBeVisible();
	const direct = await erik.goto(experienceUrl);
	expect(direct?.status()).toBe(404);
	await expect(erik.getByText('Klimatkrav i livsmedelsupphandling')).toHaveCount(0);

	await runDailyDigest();
	await expect
		.poll(async () => (await mailsTo('olle.ek@filipstad.test')).find((m) => m.includes(tag)), {
			timeout: budget(15_000)
		})
		.toContain('/unsubscribe?token=');
});
