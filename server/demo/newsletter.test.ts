import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/lib/server/testing/world.ts';
import { DEMO_ISSUE_SUBJECT } from './newsletter.ts';
import { seedDemo } from './seed.ts';

const db = useTestDatabase();
beforeAll(async () => {
	await seedDemo(db.url);
	await seedDemo(db.url); // idempotent
});

describe('demo newsletter and Bergslagsakademin', () => {
	it('has one sent issue in the archive and subscribers', async () => {
		const issues = await db.sql`select subject_sv, status from public.newsletter_issues`;
		expect(issues).toEqual([{ subject_sv: DEMO_ISSUE_SUBJECT, status: 'sent' }]);
		const [subs] = await db.sql`select count(*)::int as n from public.newsletter_subscribers
			where confirmed_at is not null and unsubscribed_at is null`;
		expect(subs!.n).toBe(3);
	});

	it("has this year's theme and participants, Filipstad not among them", async () => {
		const year = new Date().getFullYear();
		const [theme] = await db.sql`select decided_by from public.academy_themes where year = ${year}`;
		expect(theme!.decided_by).toBe('Arbetsgruppen för Bergslagsakademin');
		const names = await db.sql`select o.slug, c.amount_sek from public.academy_participants p
			join public.organizations o on o.id = p.organization_id
			join public.academy_contributions c on c.participant_id = p.id where p.year = ${year}`;
		expect(names.length).toBeGreaterThanOrEqual(8);
		expect(names.every((n) => n.amount_sek === 10000)).toBe(true);
		expect(names.map((n) => n.slug)).not.toContain('filipstad');
	});
});
