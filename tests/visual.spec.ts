import { expect, test } from './support/fixtures.ts';
import { open } from './support/helpers.ts';

// Screenshots of the main pages at a phone's and a laptop's width, compared with the committed
// baselines in visual.spec.ts-snapshots/. The clock is frozen and dates are masked (the demo
// data is seeded "now"), so only a change of layout or style shows. After a deliberate change,
// or when Debian's Chromium renders text differently, regenerate them with
// `npm run test:visual:update` and look at the new images before committing them.
// The pages come from the sweeps lane's Erfa (playwright.config.ts), which only ever reads: the
// untouched demo dataset, not whatever the journeys wrote.

// Research and search are left out: demo records seeded in the same instant come back in no fixed
// order, so their lists differ from run to run.
const pages: [string, string][] = [
	['home', '/'],
	['login', '/login'],
	['groups', '/groups'],
	['library', '/library'],
	['agenda2030', '/agenda2030'],
	['goal-11', '/agenda2030/11'],
	['themes', '/themes'],
	['organizations', '/organizations']
];
const months = /\b\d{1,2} (jan|feb|mars|apr|maj|juni|juli|aug|sep|okt|nov|dec)\.? \d{4}\b/;

for (const width of [390, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });
		for (const [name, path] of pages) {
			test(name, async ({ page }) => {
				await page.clock.setFixedTime(new Date('2026-11-02T10:00:00+01:00'));
				await open(page, path);
				await expect(page).toHaveScreenshot(`${name}-${width}.png`, {
					fullPage: true,
					maxDiffPixelRatio: 0.01,
					mask: [page.locator('time, [data-live]'), page.getByText(months)]
				});
			});
		}
	});
}
