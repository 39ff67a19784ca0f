import { expect, test } from './support/fixtures.ts';
import { expectAccessible, open, logIn, logOut } from './support/helpers.ts';

test('the public pages are in Swedish, accessible and reachable by keyboard', async ({ page }) => {
	for (const path of [
		'/',
		'/login',
		'/register',
		'/forgot-password',
		'/organizations',
		'/accessibility',
		'/privacy'
	]) {
		await open(page, path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
		await expect(page.locator('h1')).toHaveCount(1);
		await expectAccessible(page);
	}
	await open(page, '/login');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test('the language switch remembers English across pages', async ({ page }) => {
	await open(page, '/login');
	await page.getByRole('button', { name: 'In English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await open(page, '/register');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
	await page.getByRole('button', { name: 'På svenska' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skapa konto');
});

test('works at 320 px with the menu behind a toggle', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await open(page, '/');
	const toggle = page.getByRole('button', { name: 'Meny' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await toggle.click();
	await expect(page.getByRole('link', { name: 'Organisationer' }).first()).toBeVisible();
	await page.getByRole('link', { name: 'Grupper' }).focus();
	await page.keyboard.press('Escape');
	await expect(toggle).toBeFocused();
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(page.locator('#site-menu')).toBeHidden();
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth > window.innerWidth
	);
	expect(overflow).toBe(false);
	await expectAccessible(page);
});

test('a tap on the menu before the script has run opens it, and the script keeps it open', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	// The page as a slow phone has it while its script is still on the way.
	const scripts = /\/_app\/immutable\/.*\.js$/;
	await page.route(scripts, (route) => route.abort());
	await page.goto('/');
	const sections = page.getByRole('navigation', { name: 'Huvudmeny' });
	await expect(sections).toBeHidden();
	await page.getByRole('link', { name: 'Meny' }).click();
	await expect(sections.getByRole('link', { name: 'Organisationer' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Meny' })).toBeInViewport();

	// The script arrives (here: the page loaded again with it): the menu is open behind the
	// button, which closes it.
	await page.unroute(scripts);
	await page.reload();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const toggle = page.getByRole('button', { name: 'Meny' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(sections).toBeVisible();
	await toggle.click();
	await expect(sections).toBeHidden();
});

test('the account menu opens by keyboard, closes with Escape and gives focus back', async ({
	page
}) => {
	await logIn(page, 'erik.berg@ludvika.test');
	const account = page.getByRole('button', { name: 'Konto: Erik Berg' });
	const menu = page.locator('#account-menu');
	await expect(menu).toBeHidden();
	await account.focus();
	await page.keyboard.press('Enter');
	await expect(account).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Tab');
	await expect(menu.getByRole('link', { name: 'Min profil' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(account).toBeFocused();
	await expect(menu).toBeHidden();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth > window.innerWidth
	);
	expect(overflow).toBe(false);
});

test('wrong credentials get a clear message and keep the address typed', async ({ page }) => {
	await open(page, '/login');
	await page.getByLabel('E-postadress').fill('anna.lind@avesta.test');
	await page.getByLabel('Lösenord', { exact: true }).fill('fel lösenord');
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page.getByRole('alert')).toContainText('Fel e-postadress eller lösenord');
	await expect(page.getByLabel('E-postadress')).toHaveValue('anna.lind@avesta.test');
	await logIn(page, 'anna.lind@avesta.test');
	await page.getByRole('button', { name: 'Konto: Anna Lind' }).click();
	await expect(page.locator('#account-menu').getByText('Inloggad som Anna Lind')).toBeVisible();
});

test('health, config and the public REST API answer as the contract says', async ({ request }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
	const { anonKey } = (await (await request.get('/api/config')).json()) as { anonKey: string };
	const headers = { apikey: anonKey, authorization: `Bearer ${anonKey}` };
	const goals = await request.get('/rest/v1/sdg_goals?select=number&order=number', { headers });
	expect((await goals.json()).length).toBe(17);
	const people = await request.get('/rest/v1/profiles?select=name', { headers });
	expect(people.status()).toBe(401);
});

test('a logged-in session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
	await logIn(page, 'sara.holm@oru.test');
	const cookie = (await context.cookies()).find((c) => c.name === 'erfa_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	await logOut(page);
	expect((await context.cookies()).find((c) => c.name === 'erfa_session')).toBeUndefined();
});
