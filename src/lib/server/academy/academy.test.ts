import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { buildOrganization, buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';
import * as applications from './applications.ts';
import * as interest from './interest.ts';
import * as participants from './participants.ts';
import * as themes from './themes.ts';

// Bergslagsakademin through the REST API as the app uses it: an officer of Ludvika applies, an
// administrator approves; the public sees who takes part, never what they pay nor the
// applications; a second application for the same year is refused.

const db = useTestDatabase({ rest: true });
const YEAR = 2027;
let officer: BuiltUser & { organizationId: string };
let admin: BuiltUser;
let researcher: BuiltUser & { organizationId: string };
let as: Record<'officer' | 'admin' | 'researcher' | 'anon', Db>;

beforeAll(async () => {
	const [ludvika] = await db.sql`select id from public.organizations where slug = 'ludvika'`;
	const university = await buildOrganization(db.sql, { kind: 'university' });
	officer = {
		...(await buildUser(db.sql, { organizationSlug: 'ludvika' })),
		organizationId: ludvika!.id as string
	};
	researcher = {
		...(await buildUser(db.sql, { organizationSlug: university.slug, role: 'researcher' })),
		organizationId: university.id
	};
	admin = await buildUser(db.sql, { role: 'admin', email: 'staff@erfa.test' });
	as = {
		officer: await forUser(db.rest, officer.id),
		admin: await forUser(db.rest, admin.id),
		researcher: await forUser(db.rest, researcher.id),
		anon: anonymous(db.rest)
	};
});

const input = {
	year: YEAR,
	representativeName: 'Erik Berg',
	representativeEmail: 'erik@ludvika.test',
	message: 'Vi vill gärna vara med.'
};

describe('taking part', () => {
	it('an officer applies, a duplicate for the same year is refused, an admin approves', async () => {
		const applied = await applications.apply(
			as.officer,
			{ id: officer.id, organizationId: officer.organizationId },
			input
		);
		expect(applied.ok).toBe(true);
		const again = await applications.apply(
			as.officer,
			{ id: officer.id, organizationId: officer.organizationId },
			input
		);
		expect(again).toEqual({ ok: false, reason: 'duplicate' });
		const [stored] = await db.sql`select count(*)::int as n from public.academy_applications`;
		expect(stored!.n).toBe(1);

		// Only administrators decide.
		const id = applied.ok ? applied.id : '';
		expect(await applications.approve(as.officer, id, 10_000)).toEqual({
			ok: false,
			reason: 'not_pending'
		});
		expect(await applications.pending(as.officer)).toHaveLength(1); // their own, through RLS
		expect(await applications.approve(as.admin, id, 10_000)).toEqual({ ok: true });
		expect(await applications.approve(as.admin, id, 10_000)).toEqual({
			ok: false,
			reason: 'not_pending'
		});

		const records = await participants.records(as.admin, YEAR);
		expect(records).toMatchObject([
			{
				name: 'Ludvika kommun',
				representativeName: 'Erik Berg',
				amountSek: 10_000,
				settledAt: null
			}
		]);
		expect(await participants.setSettled(as.admin, records[0]!.id, true)).toBe(true);
		expect((await participants.records(as.admin, YEAR))[0]!.settledAt).not.toBeNull();
		// Once taking part, applying again for that year says so.
		expect(
			await applications.apply(
				as.officer,
				{ id: officer.id, organizationId: officer.organizationId },
				input
			)
		).toEqual({ ok: false, reason: 'participating' });
	});

	it('refuses applications from people who are not in a municipality or region', async () => {
		const tried = await applications.apply(
			as.researcher,
			{ id: researcher.id, organizationId: researcher.organizationId },
			{ ...input, year: 2028 }
		);
		expect(tried).toEqual({ ok: false, reason: 'not_municipality' });
		expect(
			await applications.eligibleOrganization(as.researcher, researcher.organizationId)
		).toBeNull();
	});

	it('shows anyone the participants and the theme, never contributions or applications', async () => {
		expect(
			await themes.save(as.admin, {
				year: YEAR,
				titleSv: 'Kompetensförsörjning',
				titleEn: 'Skills supply',
				descriptionSv: '',
				descriptionEn: '',
				decidedOn: '2026-11-20',
				decidedBy: 'Arbetsgruppen'
			})
		).toBe(true);
		expect(await themes.forYear(as.anon, YEAR)).toMatchObject({
			decidedBy: 'Arbetsgruppen',
			decidedOn: '2026-11-20'
		});
		expect((await participants.forYear(as.anon, YEAR)).map((p) => p.name)).toEqual([
			'Ludvika kommun'
		]);
		for (const table of ['academy_contributions', 'academy_applications', 'academy_interest']) {
			const { data } = await as.anon.from(table).select('*');
			expect(data ?? [], table).toEqual([]);
		}
		// A member who is not an administrator sees no one's contribution either.
		const { data } = await as.researcher.from('academy_contributions').select('*');
		expect(data).toEqual([]);
		// The anonymous key holds no privilege on contributions at all.
		await expect(participants.records(as.anon, YEAR)).rejects.toThrow(/permission denied/);
		// Nobody but an administrator decides a theme.
		expect(
			await themes.save(as.officer, { ...(await themes.forYear(as.anon, YEAR))!, titleSv: 'Kapat' })
		).toBe(false);
	});
});

describe('interest from companies and universities', () => {
	it('is stored and reaches the staff by mail through the outbox', async () => {
		await interest.submit(db.sql, {
			name: 'Lisa Ek',
			organization: 'Bergslagens Bygg AB',
			kind: 'company',
			email: 'lisa@bygg.test',
			message: 'Vi vill bidra med praktikplatser.'
		});
		const mails =
			await db.sql`select to_address, subject, body_text from public.outbox where to_address = 'staff@erfa.test'`;
		expect(mails).toHaveLength(1);
		expect(mails[0]!.body_text).toContain('praktikplatser');
		expect((await interest.list(as.admin)).map((i) => i.organization)).toEqual([
			'Bergslagens Bygg AB'
		]);
		expect(await interest.list(as.officer)).toEqual([]);
	});
});
