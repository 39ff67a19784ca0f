import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser } from '$lib/server/platform';
import { useTestDatabase, buildUser, type BuiltUser } from '../testing/world.ts';
import * as themes from './themes.ts';

const db = useTestDatabase({ rest: true });
let admin: BuiltUser;
let member: BuiltUser;

const input = (over: Partial<themes.ThemeInput> = {}): themes.ThemeInput => ({
	slug: 'attraktivitet',
	name: 'Attraktivitet',
	description: 'Att locka **invånare**.',
	startYear: 2018,
	endYear: 2019,
	sdgGoals: [11, 8, 11],
	...over
});

beforeAll(async () => {
	admin = await buildUser(db.sql, { role: 'admin' });
	member = await buildUser(db.sql);
});

describe('themes', () => {
	it('are created by administrators only, with a unique slug', async () => {
		const asAdmin = await forUser(db.rest, admin.id);
		const created = await themes.create(asAdmin, input());
		expect(created.ok && created.theme).toMatchObject({ slug: 'attraktivitet', sdgGoals: [8, 11] });
		expect(await themes.create(asAdmin, input({ name: 'Annat' }))).toEqual({
			ok: false,
			reason: 'slug_taken'
		});
		const asMember = await forUser(db.rest, member.id);
		expect(await themes.create(asMember, input({ slug: 'medlem' }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await themes.create(asAdmin, input({ slug: 'bakvant', endYear: 2010 }))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const rows = await db.sql`select slug from public.themes`;
		expect(rows.map((r) => r.slug)).toEqual(['attraktivitet']);
	});

	it('are edited by administrators and refused to members', async () => {
		const asAdmin = await forUser(db.rest, admin.id);
		const theme = (await themes.bySlug(asAdmin, 'attraktivitet'))!;
		const asMember = await forUser(db.rest, member.id);
		expect(await themes.update(asMember, theme.id, input({ name: 'Hackat' }))).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const saved = await themes.update(asAdmin, theme.id, input({ endYear: null }));
		expect(saved.ok && saved.theme.endYear).toBeNull();
	});

	it('have at most one featured theme, shown first and readable by anyone', async () => {
		const asAdmin = await forUser(db.rest, admin.id);
		const later = await themes.create(
			asAdmin,
			input({ slug: 'industri', name: 'Bergslagens industri', startYear: 2021, endYear: 2023 })
		);
		const old = await themes.bySlug(asAdmin, 'attraktivitet');
		if (!later.ok || !old) throw new Error('setup');
		expect(await themes.setFeatured(asAdmin, later.theme.id)).toEqual({ ok: true });
		expect(await themes.setFeatured(asAdmin, old.id)).toEqual({ ok: true });
		const featured = await db.sql`select slug from public.themes where featured`;
		expect(featured).toEqual([{ slug: 'attraktivitet' }]);

		const anon = anonymous(db.rest);
		const list = await themes.list(anon);
		expect(list.map((t) => t.slug)).toEqual(['attraktivitet', 'industri']);
		expect((await themes.featured(anon))?.slug).toBe('attraktivitet');

		const asMember = await forUser(db.rest, member.id);
		expect(await themes.setFeatured(asMember, later.theme.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await db.sql`select slug from public.themes where featured`).toEqual([
			{ slug: 'attraktivitet' }
		]);
		expect(await themes.setFeatured(asAdmin, null)).toEqual({ ok: true });
		expect(await db.sql`select slug from public.themes where featured`).toEqual([]);
	});

	it('are kept a minute for the pages that show them, and forgotten when changed here', async () => {
		const asAdmin = await forUser(db.rest, admin.id);
		const anon = anonymous(db.rest);
		const names = async (now?: number) => (await themes.shared(anon, now)).map((t) => t.name);
		const before = await names();
		// Changed behind this process's back: the kept list stays for the minute, then is read again.
		await db.sql`update public.themes set name = 'Attraktivitet i Bergslagen' where slug = 'attraktivitet'`;
		expect(await names()).toEqual(before);
		expect(await names(Date.now() + 61_000)).toContain('Attraktivitet i Bergslagen');
		const theme = await themes.bySlug(asAdmin, 'attraktivitet');
		await themes.update(asAdmin, theme!.id, input({ name: 'Attraktiva kommuner' }));
		expect(await names()).toContain('Attraktiva kommuner');
	});

	it('order the featured theme first, then the running ones, then the most recent', () => {
		const t = (slug: string, startYear: number, endYear: number | null, featured = false) => ({
			id: slug,
			slug,
			name: slug,
			description: '',
			startYear,
			endYear,
			sdgGoals: [],
			featured
		});
		const list = [t('gammal', 2018, 2019), t('nu', 2024, null), t('vald', 2010, 2011, true)];
		expect(themes.ordered(list, 2025).map((x) => x.slug)).toEqual(['vald', 'nu', 'gammal']);
		expect(themes.isCurrent(t('nu', 2024, null), 2030)).toBe(true);
		expect(themes.isCurrent(t('gammal', 2018, 2019), 2020)).toBe(false);
	});
});
