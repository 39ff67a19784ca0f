import { expect, test } from './support/fixtures.ts';
import { expectAccessible, open, linkFromMail, logIn, logOut, origin } from './support/helpers.ts';

// Issue 2's journey: a new person registers, verifies the address, logs in, edits the profile,
// signs out another device, and logs out; every page on the way passes axe.

const person = {
	name: 'Lena Svensson',
	email: `lena.svensson.${Date.now()}@hofors.test`,
	password: 'malmen från bergslagen'
};

test('register, verify, log in, edit profile, sign out another device, log out', async ({
	page,
	browser
}) => {
	await open(page, '/register');
	await expectAccessible(page);
	await page.getByLabel('Namn').fill(person.name);
	await page.getByLabel('E-postadress').fill(person.email);
	await page.getByLabel('Lösenord', { exact: true }).fill('kort');
	await page.getByLabel('Sök organisation').fill('hofo');
	await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Hofors kommun' });
	await page.getByRole('button', { name: 'Skapa konto' }).last().click();
	// Too short a password: a message by the field, and what was typed is kept.
	await expect(page.getByText('Lösenordet måste ha minst 10 tecken.')).toBeVisible();
	await expect(page.getByLabel('E-postadress')).toHaveValue(person.email);
	await page.getByLabel('Lösenord', { exact: true }).fill(person.password);
	await page.getByRole('button', { name: 'Skapa konto' }).last().click();

	await expect(page).toHaveURL(/\/register\/check-email/);
	await expect(page.getByRole('main').getByRole('status')).toContainText(person.email);
	await expectAccessible(page);

	const link = await linkFromMail(person.email, `${origin}/verify-email?token=`);
	await open(page, link);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Bekräfta e-postadressen' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(
		'Din e-postadress är bekräftad'
	);

	await logOut(page);
	await expect(page).toHaveURL(/\/login\?loggedOut/);
	await logIn(page, person.email, person.password);
	await expectAccessible(page);

	await page.getByLabel('Titel eller roll').fill('Folkhälsostrateg');
	await page.getByLabel(/Mål 3:/).check();
	await page.getByRole('button', { name: 'Spara profiluppgifter' }).click();
	await expect(page.getByText('Dina profiluppgifter är sparade.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Titel eller roll')).toHaveValue('Folkhälsostrateg');
	await expect(page.getByLabel(/Mål 3:/)).toBeChecked();

	// A second device logs in; this one signs it out.
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await logIn(otherPage, person.email, person.password);
	await page.reload();
	// The button names the device it ends ("Logga ut Chrome på Linux").
	await page.getByRole('button', { name: /^Logga ut \S.* på \S/ }).click();
	await expect(page.getByText('Enheten har loggats ut.')).toBeVisible();
	await open(otherPage, '/profile');
	await expect(otherPage).toHaveURL(/\/login/);
	await other.close();

	await logOut(page);
	await expect(page).toHaveURL(/\/login\?loggedOut/);
	await open(page, '/profile');
	await expect(page).toHaveURL(/\/login\?returnTo=%2Fprofile|\/login\?returnTo=\/profile/);
});

test('a forgotten password is reset through the e-mailed link', async ({ page, request }) => {
	// An account of its own, so the demo accounts keep the password the other tests use.
	const email = `glomsk.${Date.now()}@ludvika.test`;
	const registered = await request.post('/register', {
		form: {
			name: 'Glömsk Person',
			email,
			password: 'första lösenordet i ludvika',
			organization: 'ludvika'
		},
		headers: { origin: String(test.info().project.use.baseURL) },
		maxRedirects: 0
	});
	expect(registered.status()).toBe(303);
	await open(page, '/forgot-password');
	await page.getByLabel('E-postadress').fill(email);
	await page.getByRole('button', { name: 'Skicka länk' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(email);
	const link = await linkFromMail(email, `${origin}/reset-password?token=`);
	await open(page, link);
	await expectAccessible(page);
	await page.getByLabel('Nytt lösenord').fill('nytt lösenord för glömska i ludvika');
	await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
	await expect(page).toHaveURL(/\/profile/);
	await logOut(page);
	await logIn(page, email, 'nytt lösenord för glömska i ludvika');
});

test('repeated wrong passwords are throttled with 429', async ({ request }) => {
	// An address of its own: the wait holds for this (address typed, client) pair only.
	const form = { email: `gissning.${Date.now()}@example.test`, password: 'fel lösenord igen' };
	const statuses: number[] = [];
	for (let i = 0; i < 5; i++) {
		const response = await request.post('/login', {
			form,
			headers: { origin },
			maxRedirects: 0
		});
		statuses.push(response.status());
	}
	expect(statuses).toEqual([400, 400, 400, 400, 400]);
	const throttled = await request.post('/login', { form, headers: { origin }, maxRedirects: 0 });
	expect(throttled.status()).toBe(429);
	// Answered at once, with when to try again for scripts and for people.
	const retryAfter = Number(throttled.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThan(0);
	expect(retryAfter).toBeLessThanOrEqual(30);
	expect(await throttled.text()).toContain('Försök igen om');
});
