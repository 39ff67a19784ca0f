import { expect, test } from '@playwright/test';
import { expectAccessible, logIn } from './support/helpers.ts';

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
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
		await expect(page.locator('h1')).toHaveCount(1);
		await expectAccessible(page);
	}
	await page.goto('/login');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test('the language switch remembers English across pages', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'In English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
	await page.getByRole('button', { name: 'På svenska' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skapa konto');
});

test('works at 320 px with the menu behind a toggle', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/');
	const toggle = page.getByRole('button', { name: 'Meny' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await toggle.click();
	await expect(page.getByRole('link', { name: 'Organisationer' }).first()).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth > window.innerWidth
	);
	expect(overflow).toBe(false);
	await expectAccessible(page);
});

test('wrong credentials get a clear message and keep the address typed', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-postadress').fill('anna.lind@avesta.test');
	await page.getByLabel('Lösenord', { exact: true }).fill('fel lösenord');
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page.getByRole('alert')).toContainText('Fel e-postadress eller lösenord');
	await expect(page.getByLabel('E-postadress')).toHaveValue('anna.lind@avesta.test');
	await logIn(page, 'anna.lind@avesta.test');
	await expect(page.getByText('Inloggad som Anna Lind')).toBeVisible();
});
