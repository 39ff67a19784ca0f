import { expect, test } from './support/fixtures.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Events: the demo's upcoming conference and past seminar, the .ics file, filters, and an
// administrator creating, editing and deleting an event with times in Swedish time.

const conference = 'Bergslagen 2030 – årskonferens';
const tag = Date.now().toString(36);

test('signed out: the upcoming conference, the past seminar, filters, and axe', async ({
	page
}) => {
	await open(page, '/events');
	const upcoming = page.getByRole('region', { name: 'Kommande' });
	const past = page.getByRole('region', { name: 'Tidigare' });
	await expect(upcoming.getByRole('link', { name: conference })).toBeVisible();
	await expect(past.getByRole('link', { name: /Välkomstsamtal/ })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Typ').selectOption({ label: 'Seminarium' });
	await page.getByRole('button', { name: 'Visa' }).click();
	await expect(page).toHaveURL(/kind=seminar/);
	await expect(upcoming.getByRole('link', { name: conference })).toHaveCount(0);
	await expect(past.getByRole('link', { name: /Välkomstsamtal/ })).toBeVisible();
});

test('the conference page and its calendar file', async ({ page }) => {
	await open(page, '/events');
	await page.getByRole('link', { name: conference }).click();
	await expect(page.locator('h1')).toHaveText(conference);
	await expect(page.locator('main')).toContainText('15 maj');
	await expect(page.locator('main')).toContainText('09:00');
	await expectAccessible(page);
	const href = await page.getByRole('link', { name: /Lägg till i kalendern/ }).getAttribute('href');
	const ics = await page.request.get(href!);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const text = await ics.text();
	expect(text).toContain('BEGIN:VEVENT');
	expect(text).toMatch(/DTSTART:\d{4}0515T070000Z/);
	expect(text).toContain('SUMMARY:Bergslagen 2030 – årskonferens');
	expect(text).toContain('LOCATION:Folkets hus\\, Ludvika');
});

test('an administrator creates, edits and deletes an event in Swedish time', async ({ page }) => {
	await logIn(page, 'admin@erfa.test');
	await open(page, '/events');
	await page.getByRole('link', { name: 'Nytt evenemang' }).click();
	await expect(page.locator('h1')).toHaveText('Nytt evenemang');
	await expectAccessible(page);
	const title = `Workshop om cirkulär ekonomi ${tag}`;
	await page.getByLabel('Rubrik').fill(title);
	await page.getByLabel('Typ').selectOption({ label: 'Workshop' });
	await page.getByLabel('Börjar').fill('2030-01-15T09:30');
	await page.getByLabel('Slutar').fill('2030-01-15T08:00');
	await page.getByLabel(/Plats/).fill('Fagersta bibliotek');
	await page.getByRole('button', { name: 'Skapa evenemanget' }).click();
	await expect(page.getByText('Slutet kan inte ligga före början.')).toBeVisible();
	await page.getByLabel('Slutar').fill('2030-01-15T12:00');
	await page.getByLabel(/Mål 12/).check();
	await page.getByRole('button', { name: 'Skapa evenemanget' }).click();
	await expect(page.locator('h1')).toHaveText(title);
	await expect(page.getByText('Evenemanget är sparat.')).toBeVisible();
	await expect(page.locator('main')).toContainText('09:30–12:00');

	await page.getByRole('link', { name: 'Redigera' }).click();
	await expect(page.getByLabel('Börjar')).toHaveValue('2030-01-15T09:30');
	await page.getByLabel('Börjar').fill('2030-07-01T10:00');
	await page.getByLabel('Slutar').fill('2030-07-01T11:15');
	await page.getByRole('button', { name: 'Spara' }).click();
	await expect(page.locator('main')).toContainText('10:00–11:15');

	await page.getByText('Ta bort evenemanget').click();
	await page.getByRole('button', { name: 'Ta bort', exact: true }).click();
	await expect(page).toHaveURL(/\/events\?deleted=1/);
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});

test('members who coordinate nothing may not create events', async ({ page }) => {
	await logIn(page, 'olle.ek@filipstad.test');
	await open(page, '/events');
	await expect(page.getByRole('link', { name: 'Nytt evenemang' })).toHaveCount(0);
	const response = await page.goto('/events/new');
	expect(response!.status()).toBe(403);
});
