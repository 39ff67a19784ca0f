import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { budget, expectAccessible, open, logOut } from './support/helpers.ts';

// Issue 20's two-factor and "my data" journey, on one fresh account (the demo accounts keep
// their password logins): enrol TOTP with a code computed here from the shown secret, sign in
// with a code and then with a recovery code, download my data, delete the account. Each new
// page passes axe at phone and desktop widths.

const person = {
	name: 'Tove Nyberg',
	email: `tove.nyberg.${Date.now()}@hofors.test`,
	password: 'gruvlaven i grängesberg'
};

/** The code an authenticator app shows `ahead` steps from now. */
function totp(secret: string, ahead = 0): string {
	const step = BigInt(Math.floor(Date.now() / 30_000) + ahead);
	return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, '')), step, 6);
}

async function accessibleAtBothWidths(page: Page) {
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
	}
}

async function register(page: Page) {
	await open(page, '/register');
	await page.getByLabel('Namn').fill(person.name);
	await page.getByLabel('E-postadress').fill(person.email);
	await page.getByLabel('Lösenord', { exact: true }).fill(person.password);
	await page.getByLabel('Sök organisation').fill('hofo');
	await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Hofors kommun' });
	await page.getByRole('button', { name: 'Skapa konto' }).last().click();
	await expect(page).toHaveURL(/\/register\/check-email/);
}

async function passwordStep(page: Page) {
	await open(page, '/login');
	await page.getByLabel('E-postadress').fill(person.email);
	await page.getByLabel('Lösenord', { exact: true }).fill(person.password);
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page).toHaveURL(/\/login\/two-factor/);
}

test('two-factor: enrol, sign in with a code and a recovery code; my data: export and delete', async ({
	page
}) => {
	await register(page);
	await open(page, '/profile/two-factor');
	await expect(page.getByRole('img', { name: /QR-kod/ })).toBeVisible();
	await accessibleAtBothWidths(page);
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	await page.getByLabel('Kod', { exact: true }).fill(totp(secret));
	await page.getByRole('button', { name: 'Aktivera' }).click();
	const codes = page.getByTestId('recovery-codes').getByRole('listitem');
	await expect(codes).toHaveCount(10);
	const recovery = (await codes.first().textContent())!.trim();
	await accessibleAtBothWidths(page);

	// A password alone no longer signs in; the next code does (the one used is spent).
	await logOut(page);
	await passwordStep(page);
	await accessibleAtBothWidths(page);
	await page.getByLabel('Kod', { exact: true }).fill('000000');
	await page.getByRole('button', { name: 'Verifiera och logga in' }).click();
	await expect(page.getByText('Koden stämmer inte.', { exact: false }).first()).toBeVisible();
	await page.getByLabel('Kod', { exact: true }).fill(totp(secret, 1));
	await page.getByRole('button', { name: 'Verifiera och logga in' }).click();
	await expect(page).toHaveURL(/\/profile$/);

	await logOut(page);
	await passwordStep(page);
	await page.getByLabel('Kod', { exact: true }).fill(recovery);
	await page.getByRole('button', { name: 'Verifiera och logga in' }).click();
	await expect(page).toHaveURL(/\/profile\/two-factor\?recovery=1/);
	await expect(page.getByRole('status').filter({ hasText: 'reservkod' })).toContainText('9');

	// My data: the ZIP is made in the background, then offered for download.
	await open(page, '/profile/my-data');
	await accessibleAtBothWidths(page);
	await page.getByRole('button', { name: 'Ladda ner mina uppgifter' }).click();
	await expect(page.getByText('Vi tar fram dina uppgifter.')).toBeVisible();
	const download = page.getByRole('link', { name: 'Ladda ner ZIP-filen' });
	await expect(async () => {
		await page.reload();
		await expect(download).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: budget(20_000) });
	const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
	expect(file.suggestedFilename()).toMatch(/^erfa-mina-uppgifter-\d{4}-\d{2}-\d{2}\.zip$/);

	// Delete the account: signed out at once, and the password no longer works.
	await page.getByRole('radio', { name: /Behåll det/ }).check();
	await page.getByRole('checkbox', { name: /Jag förstår/ }).check();
	await page.getByRole('button', { name: 'Radera mitt konto' }).click();
	await expect(page).toHaveURL(/\/account-deleted/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ditt konto är raderat');
	await accessibleAtBothWidths(page);
	await open(page, '/login');
	await page.getByLabel('E-postadress').fill(person.email);
	await page.getByLabel('Lösenord', { exact: true }).fill(person.password);
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page.getByText('Fel e-postadress eller lösenord.')).toBeVisible();
});
