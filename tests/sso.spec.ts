import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
	budget,
	expectAccessible,
	linkFromMail,
	logIn,
	logOut,
	mailbox,
	open
} from './support/helpers';

// Single sign-on through a real OpenID provider (oidc-provider, started by the test server on
// first use): an administrator adds it, a new person signs in through it from /login, confirms
// a sensitive change by signing in there again, signs out of both, and the audit log shows
// what happened. The failure cases are Node tests
// (src/lib/server/sso/sso.test.ts).

/** Signs in through the provider as `user`, in a browser of its own (no session at either). */
async function throughProvider(browser: Browser, baseURL: string, user: string): Promise<Page> {
	const page = await (await browser.newContext({ baseURL, locale: 'sv-SE' })).newPage();
	await open(page, '/login?returnTo=/groups');
	await page.getByLabel('E-postadress').fill('maj.lund@avesta-sso.test');
	await page.getByRole('link', { name: 'Logga in med Avesta kommun' }).click();
	await page.getByLabel('Användare').fill(user);
	await page.getByRole('button', { name: 'Logga in' }).click();
	return page;
}

test("an organization's own sign-in, from configuration to the audit log", async ({
	page,
	browser,
	baseURL
}) => {
	// The provider starts on first use, and the story signs in there four times.
	test.setTimeout(budget(180_000));
	const idp = (await (await fetch(`${mailbox}/sso-provider`)).json()) as {
		issuer: string;
		clientId: string;
		clientSecret: string;
	};

	await logIn(page, 'admin@erfa.test');
	await open(page, '/admin/identity-providers');
	await page.locator('#organization-select').selectOption('avesta');
	await page.getByLabel('Utfärdare (issuer)').fill(idp.issuer);
	await page.getByLabel('Klient-id').fill(idp.clientId);
	await page.getByLabel('Klienthemlighet').fill(idp.clientSecret);
	await page.getByLabel('E-postdomäner').fill('avesta-sso.test');
	await page.getByRole('button', { name: 'Lägg till' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'sparad' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Avesta kommun.*avesta-sso\.test/ })).toBeVisible();
	await expect(page.locator('body')).not.toContainText(idp.clientSecret);
	await expectAccessible(page);
	await logOut(page);

	await open(page, '/login?returnTo=/groups');
	await page.getByLabel('E-postadress').fill('karin.strom@avesta-sso.test');
	const offer = page.getByRole('link', { name: 'Logga in med Avesta kommun' });
	await expect(offer).toBeVisible();
	await expectAccessible(page);
	await offer.click();
	await page.getByLabel('Användare').fill('karin');
	await page.getByRole('button', { name: 'Logga in' }).click();
	await expect(page).toHaveURL(/\/groups$/);
	await open(page, '/profile');
	await expect(page.getByLabel('Namn', { exact: true })).toHaveValue('Karin Ström');
	const organization = page.getByRole('combobox', { name: /^Organisation/ });
	await expect(organization.locator('option:checked')).toHaveText('Avesta kommun');

	// No password of her own: no password fields she cannot fill in; a sensitive change a
	// while after signing in sends her to her provider again (prompt=login), then back here.
	const section = page.locator('#password');
	await expect(section.getByRole('heading', { name: 'Lösenord' })).toBeVisible();
	await expect(page.getByLabel('Nuvarande lösenord')).toHaveCount(0);
	await fetch(`${mailbox}/stale-sessions?email=karin.strom@avesta-sso.test`, { method: 'POST' });
	await section.getByLabel('Nytt lösenord').fill('karins-eget-losenord-2026');
	await section.getByRole('button', { name: 'Skaffa lösenord' }).click();
	await expect(page).toHaveURL(/\/reauth\?/);
	await expect(page.getByLabel('Lösenord')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Logga in på nytt med Avesta kommun' }).click();
	await page.getByLabel('Användare').fill('karin');
	await page.getByRole('button', { name: 'Logga in' }).click();
	await expect(page).toHaveURL(/\/profile\?reauthenticated=1/);
	await expect(page.getByRole('status').filter({ hasText: 'Du är tillbaka' })).toBeVisible();
	await section.getByLabel('Nytt lösenord').fill('karins-eget-losenord-2026');
	await section.getByRole('button', { name: 'Skaffa lösenord' }).click();
	await expect(section.getByRole('status')).toContainText('Du har nu ett lösenord');

	await logOut(page);
	await expect(page.getByRole('heading', { name: 'Du är utloggad från Erfa' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Logga ut från Avesta kommun' }).click();
	// The provider asks before it ends its own session, then sends the browser back.
	await page.getByRole('button', { name: /yes/i }).click();
	await expect(page).toHaveURL(/\/login\?loggedOut=1/);

	// Maj's account came through the provider under her old identity, so it has no password.
	// Her new identity has the same address: a link mailed to it proves the account is hers.
	const before = await throughProvider(browser, baseURL!, 'maj');
	await expect(before).toHaveURL(/\/groups$/);
	await before.context().close();
	const maj = await throughProvider(browser, baseURL!, 'maj-ny');
	await expect(maj.getByRole('heading', { name: 'Koppla ditt konto' })).toBeVisible();
	await expect(maj.getByLabel('Lösenord')).toHaveCount(0);
	await maj.getByRole('button', { name: 'Skicka länken' }).click();
	await expect(maj.getByRole('status').filter({ hasText: 'Länken är skickad' })).toBeVisible();
	await expectAccessible(maj);
	await open(maj, await linkFromMail('maj.lund@avesta-sso.test', '/login/sso/link/confirm'));
	await expect(maj).toHaveURL(/\/groups$/);
	await open(maj, '/profile');
	await expect(maj.getByLabel('Namn', { exact: true })).toHaveValue('Maj Lund');
	await maj.context().close();

	await logIn(page, 'admin@erfa.test');
	await open(page, '/admin/audit?person=Maj');
	await expect(page.getByRole('row', { name: /Konto kopplat.*Maj Lund/ })).toBeVisible();
	await open(page, '/admin/audit?action=auth.sign_in&person=Karin');
	await expect(page.getByRole('row', { name: /Inloggning.*Karin Ström.*oidc/ })).toBeVisible();
	await open(page, '/admin/audit?person=Karin');
	await expect(page.getByRole('row', { name: /bekräftad igen.*Karin Ström.*oidc/ })).toBeVisible();
	await expect(page.getByRole('row', { name: /Utloggning.*Karin Ström.*oidc/ })).toBeVisible();
	await open(page, '/admin/audit?action=idp.created');
	await expect(
		page.getByRole('row', { name: /Inloggningstjänst tillagd.*Avesta kommun/ })
	).toBeVisible();
	await expectAccessible(page);
});
