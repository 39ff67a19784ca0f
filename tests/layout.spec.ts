import { expect, test } from './support/fixtures.ts';
import { budget, open } from './support/helpers.ts';
import type { Page } from '@playwright/test';

// No page scrolls sideways at any common width, for anyone: WCAG 1.4.10 reflow at 320 px, and
// no clipped header or table at the widths in between. One test per role, visiting every main
// page (detail pages found by following the first link of their list) at every width.

const widths = [320, 390, 768, 1024, 1280, 1440, 1920];

const everyone = [
	'/',
	'/groups',
	'/groups/attraktivitet',
	'/groups/attraktivitet/members',
	'/groups/attraktivitet/experiences',
	'/groups/attraktivitet/discussions',
	'/groups/attraktivitet/documents',
	'/library',
	'/docs/0d0c0000-0000-4000-8000-000000000001',
	'/research',
	'/agenda2030',
	'/agenda2030/11',
	'/map',
	'/events',
	'/search?q=kommun',
	'/organizations',
	'/organizations/avesta',
	'/themes',
	'/newsletter',
	'/bergslagsakademin'
];
const details: [string, string][] = [
	['/research', 'a[href^="/research/"]'],
	['/events', 'a[href^="/events/"]:not([href$="/new"])'],
	['/groups/attraktivitet/experiences', 'a[href*="/experiences/"]:not([href$="/new"])'],
	['/groups/attraktivitet/discussions', 'a[href*="/discussions/"]:not([href$="/new"])']
];
const member = [
	'/profile',
	'/notifications',
	'/invitations',
	'/profile/two-factor',
	'/profile/my-data',
	'/events/calendar'
];
const admin = [
	'/admin',
	'/admin/users',
	'/admin/organizations',
	'/admin/outbox',
	'/admin/reports',
	'/admin/themes',
	'/admin/groups',
	'/admin/moderation',
	'/admin/newsletter',
	'/admin/bergslagsakademin',
	'/admin/audit',
	'/admin/identity-providers'
];

const roles: { name: string; as: string | null; pages: string[] }[] = [
	{ name: 'signed out', as: null, pages: everyone },
	{ name: 'a member', as: 'anna.lind@avesta.test', pages: [...everyone, ...member] },
	{ name: 'an administrator', as: 'admin@erfa.test', pages: [...everyone, ...member, ...admin] }
];

/**
 * Every frame of every page records its sideways scroll, from the first: a part that is too
 * wide until a script fits it (the editor's toolbar held every tool for one frame) counts too.
 */
async function watchEveryFrame(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const frame = () => {
			const root = document.documentElement;
			const extra = root.scrollWidth - root.clientWidth;
			const seen = Number(root.dataset.sideways ?? 0);
			if (extra > seen) root.dataset.sideways = String(extra);
			requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
}

/** The most sideways scroll in px since the last call (or the page's load), at any frame. */
async function sideways(page: Page): Promise<number> {
	return page.evaluate(async () => {
		// Two frames: resize observers (the editor's toolbar, the header) run, then layout settles.
		for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
		const root = document.documentElement;
		const seen = Number(root.dataset.sideways ?? 0);
		delete root.dataset.sideways;
		return Math.max(seen, root.scrollWidth - root.clientWidth);
	});
}

async function detailPages(page: Page): Promise<string[]> {
	const found: string[] = [];
	for (const [list, selector] of details) {
		await open(page, list);
		const href = await page
			.locator(`main ${selector}`)
			.evaluateAll((links) => links[0]?.getAttribute('href'));
		if (href) found.push(href);
	}
	return found;
}

// Each page is loaded once, at the narrowest width, and then widened step by step: the layout
// (media queries, container queries, resize observers) follows the window as it would for a
// person resizing, at a seventh of the cost of loading every page at every width.
for (const role of roles) {
	test.describe(role.name, () => {
		test.use({ as: role.as });
		test(`nothing scrolls sideways at any width`, async ({ page }) => {
			test.setTimeout(budget(240_000));
			await watchEveryFrame(page);
			await page.setViewportSize({ width: widths[0]!, height: 900 });
			const pages = [...role.pages, ...(await detailPages(page))];
			const overflowing: string[] = [];
			for (const path of pages) {
				await page.setViewportSize({ width: widths[0]!, height: 900 });
				await open(page, path);
				for (const width of widths) {
					await page.setViewportSize({ width, height: 900 });
					const extra = await sideways(page);
					if (extra > 0) overflowing.push(`${path} at ${width} px: +${extra}px`);
				}
			}
			expect(overflowing).toEqual([]);
		});
	});
}
