import { expect, test } from './support/fixtures.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// Agenda 2030: the 17 goals as tiles with counts of what is linked to them, and a goal's page
// with its targets (English text marked lang="en") and its linked items, filterable by target;
// signed out and as a member, each page passing axe.

test('signed out: the goals with counts, and a goal with its targets', async ({ page }) => {
	await open(page, '/agenda2030');
	await expect(page.locator('h1')).toHaveCount(1);
	await expect(
		page.getByRole('list', { name: 'De globala målen' }).locator(':scope > li')
	).toHaveCount(17);
	const eight = page.getByRole('list', { name: 'Kopplat till mål 8' });
	await expect(eight).toContainText(/\d+ grupp/);
	await expect(eight).toContainText(/\d+ dokument/);
	await expect(eight).toContainText(/\d+ forskningsarbet/);
	await expect(page.getByRole('link', { name: 'Logga in' }).last()).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: /^Mål 8:/ }).click();
	await expect(page).toHaveURL(/\/agenda2030\/8$/);
	await expect(page.locator('h1')).toHaveText(/Mål 8: Anständiga arbetsvillkor/);
	const targets = page.getByRole('region', { name: 'Delmål' }).getByRole('listitem');
	await expect(targets).toHaveCount(12);
	await expect(targets.first()).toContainText('Delmål 8.1');
	await expect(targets.locator('[lang="en"]')).toHaveCount(12);
	await expect(page.getByText('Delmålen finns än så länge bara på engelska')).toHaveCount(1);
	await expect(page.getByRole('heading', { name: 'Källa' })).toBeVisible();
	await expectAccessible(page);
});

test('a member sees what is linked to a goal and filters it by target', async ({ page }) => {
	await logIn(page, 'anna.lind@avesta.test');
	await open(page, '/agenda2030');
	await expect(page.getByRole('list', { name: 'Kopplat till mål 8' })).toContainText(
		/[1-9]\d* erfarenhet/
	);
	await expectAccessible(page);

	await open(page, '/agenda2030/8');
	const linked = page.getByRole('region', { name: 'Kopplat till målet' });
	await expect(linked.getByRole('heading', { name: /^Grupper/ })).toBeVisible();
	await expect(
		linked.getByRole('link', { name: 'Välkomstpaket för nyinflyttade i Avesta' })
	).toBeVisible();
	await expect(
		page.getByRole('table').getByRole('rowheader', { name: 'Avesta kommun' })
	).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('combobox', { name: 'Delmål' }).selectOption('8.5');
	await page.getByRole('button', { name: 'Filtrera' }).click();
	await expect(page).toHaveURL(/target=8\.5/);
	await expect(page.getByText(/Grupper och dokument anger inga delmål/)).toBeVisible();
	await expect(linked.getByRole('heading', { name: /^Grupper/ })).toHaveCount(0);
	await expect(linked.getByRole('heading', { name: /^Erfarenheter/ })).toBeVisible();
	await expectAccessible(page);
});

test('fits a 320 px screen and has no goal 18', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	for (const path of ['/agenda2030', '/agenda2030/8']) {
		await open(page, path);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, path).toBeLessThanOrEqual(320);
	}
	const response = await page.goto('/agenda2030/18');
	expect(response?.status()).toBe(404);
});

// One goal tile everywhere: its number on one line ("11", never "1" over "1"), its name never
// cut off; and one goal picker whose checkboxes are all the same size.
for (const width of [390, 1280]) {
	test(`goal tiles and the goal picker hold their shape at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		for (const path of ['/agenda2030', '/research', '/themes']) {
			await open(page, path);
			const tiles = page.locator('.goal-tiles > li');
			await expect(tiles.first(), path).toBeVisible();
			const broken = await tiles.evaluateAll((items) =>
				items.flatMap((li) => {
					const number = li.querySelector('.number') as HTMLElement;
					const name = li.querySelector('.name') as HTMLElement;
					const lineHeight = parseFloat(getComputedStyle(number).lineHeight) || 30;
					const problems = [];
					if (number.getBoundingClientRect().height > lineHeight * 1.5)
						problems.push(`${number.textContent} wraps`);
					if (name.scrollWidth > name.clientWidth + 1) problems.push(`${name.textContent} is cut`);
					return problems;
				})
			);
			expect(broken, path).toEqual([]);
		}
		await logIn(page, 'anna.lind@avesta.test');
		await open(page, '/profile');
		const boxes = page.getByRole('group', { name: /globala mål/i }).getByRole('checkbox');
		const sizes = await boxes.evaluateAll((inputs) =>
			inputs.map((i) => `${i.getBoundingClientRect().width}x${i.getBoundingClientRect().height}`)
		);
		expect(sizes.length).toBe(17);
		expect(new Set(sizes).size).toBe(1);
	});
}
