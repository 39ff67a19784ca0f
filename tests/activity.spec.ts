import { expect, test } from './support/fixtures.ts';
import { expectAccessible, logIn, open } from './support/helpers.ts';

// What a municipal officer meets first: the news of their groups on the home page, a group's
// recent activity on its overview, and what an organization's people do. From the demo data:
// in the open group "attraktivitet" Anna (Avesta) published "Välkomstpaket för nyinflyttade i
// Avesta", and Anna and Erik (Ludvika) wrote in "Modell för välkomstsamtal med nyinflyttade",
// which Ludvika also uses.

test('home: the latest in my groups, with who did it and a link to each', async ({ page }) => {
	await logIn(page, 'anna.lind@avesta.test');
	await open(page, '/');
	const feed = page.getByRole('region', { name: 'Senaste i dina grupper' });
	await expect(
		feed.getByRole('link', { name: 'Välkomstpaket för nyinflyttade i Avesta' })
	).toBeVisible();
	// Anna published an experience in each of her two demo groups.
	await expect(feed.getByText(/Anna Lind publicerade erfarenheten/)).toHaveCount(2);
	await expect(feed.getByText(/Erik Berg skrev i dokumentet/)).toBeVisible();
	await expect(
		feed.getByRole('link', { name: 'Modell för välkomstsamtal med nyinflyttade' }).first()
	).toHaveAttribute('href', /^\/docs\//);
	await expectAccessible(page);
});

test('a group’s overview shows what happened in it lately', async ({ page }) => {
	await logIn(page, 'olle.ek@filipstad.test');
	await open(page, '/groups/attraktivitet');
	const recent = page.getByRole('region', { name: 'Senaste i gruppen' });
	await expect(
		recent.getByRole('link', { name: 'Välkomstpaket för nyinflyttade i Avesta' })
	).toBeVisible();
	await expectAccessible(page);
});

test('an organization’s page shows its groups, the documents it co-wrote and the tools it uses', async ({
	page
}) => {
	await logIn(page, 'olle.ek@filipstad.test');
	await open(page, '/organizations/ludvika');
	const work = page.getByRole('region', { name: 'Vad organisationen gör' });
	await expect(
		work.getByRole('region', { name: 'Grupper där de deltar' }).getByRole('link', {
			name: 'Attraktivitet'
		})
	).toBeVisible();
	await expect(
		work.getByRole('region', { name: 'Dokument de har skrivit i' }).getByRole('link', {
			name: 'Modell för välkomstsamtal med nyinflyttade'
		})
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Verktyg som används här' })).toBeVisible();
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the get-started checklist can be hidden, and stays hidden', async ({ page }) => {
		// Olle's demo profile has no presentation, so the checklist is shown until he hides it.
		// (The fuzz test posts to every action as Anna, Sara and the administrator, so not them.)
		await page.goto('/login');
		await page.getByLabel('E-postadress').fill('olle.ek@filipstad.test');
		await page.getByLabel('Lösenord', { exact: true }).fill('erfa-demo-2026');
		await page.getByRole('button', { name: 'Logga in' }).last().click();
		await page.goto('/');
		const checklist = page.getByRole('heading', { name: 'Kom igång' });
		await expect(checklist).toBeVisible();
		await page.getByRole('button', { name: 'Dölj listan' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Listan är dold' })).toBeVisible();
		await page.goto('/');
		await expect(checklist).toHaveCount(0);
	});
});
