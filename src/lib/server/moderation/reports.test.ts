import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as reports from './reports.ts';
import { anonymous, forUser } from '$lib/server/platform';
import { useTestDatabase, buildUser, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let admin: BuiltUser;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
});
beforeEach(async () => {
	await db.sql`truncate public.accessibility_reports`;
});

const stored = () =>
	db.sql`select reporter_id, contact_email, page_url, description, status
		from public.accessibility_reports order by id`;

describe('accessibility reports', () => {
	it('stores an anonymous report through supabase-js', async () => {
		const result = await reports.create(
			anonymous(db.rest),
			{
				description: '  The menu button cannot be reached with the keyboard.  ',
				page: ' /organizations ',
				email: ' Reader@Example.TEST '
			},
			null
		);
		expect(result).toEqual({ ok: true });
		expect(await stored()).toEqual([
			{
				reporter_id: null,
				contact_email: 'reader@example.test',
				page_url: '/organizations',
				description: 'The menu button cannot be reached with the keyboard.',
				status: 'new'
			}
		]);
	});

	it('stores blank optional fields as null', async () => {
		await reports.create(
			anonymous(db.rest),
			{ description: 'Focus is lost after saving.', page: '', email: '   ' },
			null
		);
		const [row] = await stored();
		expect(row).toMatchObject({ page_url: null, contact_email: null });
	});

	it('records who reported when signed in', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const result = await reports.create(
			asAnna,
			{ description: 'The profile form has no error summary.' },
			anna.id
		);
		expect(result.ok).toBe(true);
		const rows = await stored();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.reporter_id).toBe(anna.id);
	});

	it("refuses a report filed in someone else's name", async () => {
		await expect(
			reports.create(anonymous(db.rest), { description: 'Pretending to be Anna.' }, anna.id)
		).rejects.toThrow(/accessibility_reports/);
		expect(await stored()).toHaveLength(0);
	});

	it('refuses a too short description with the zod schema and stores nothing', async () => {
		const input = { description: '  too short  ', page: null, email: null };
		const check = reports.reportSchema.safeParse(input);
		expect(check.success).toBe(false);
		expect(check.error?.issues[0]?.path).toEqual(['description']);
		const result = await reports.create(anonymous(db.rest), input, null);
		expect(result.ok).toBe(false);
		expect(result.ok ? null : Object.keys(result.errors)).toEqual(['description']);
		expect(await stored()).toHaveLength(0);
	});

	it('counts characters as PostgreSQL does, so emoji cannot slip under the minimum', () => {
		expect(reports.reportSchema.safeParse({ description: '😀😀😀😀😀' }).success).toBe(false);
		expect(reports.reportSchema.safeParse({ description: '😀'.repeat(10) }).success).toBe(true);
	});

	it('refuses an invalid reply address', () => {
		const check = reports.reportSchema.safeParse({
			description: 'Long enough description.',
			email: 'not an address'
		});
		expect(check.success).toBe(false);
		expect(check.error?.issues[0]?.path).toEqual(['email']);
	});

	it('does not let anonymous callers or members read reports back', async () => {
		await reports.create(anonymous(db.rest), { description: 'Contrast is too low.' }, null);
		const anon = await anonymous(db.rest).from('accessibility_reports').select('*');
		expect(anon.data).toBeNull();
		expect(anon.error?.code).toBe('42501');
		const asAnna = await forUser(db.rest, anna.id);
		const member = await asAnna.from('accessibility_reports').select('description');
		expect(member.data).toEqual([]);
		const asAdmin = await forUser(db.rest, admin.id);
		const read = await asAdmin.from('accessibility_reports').select('description');
		expect(read.data).toEqual([{ description: 'Contrast is too low.' }]);
	});
});

describe('page hint', () => {
	it('keeps a short ?page= value and drops an overlong one', () => {
		expect(reports.pageHint(' /profile ')).toBe('/profile');
		expect(reports.pageHint(null)).toBe('');
		expect(reports.pageHint('/x'.repeat(300))).toBe('');
	});
});
