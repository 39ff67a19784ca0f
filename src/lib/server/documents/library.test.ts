import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as uses from './uses.ts';
import * as library from './library.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildTheme
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // Avesta, member of the closed group
let erik: BuiltUser; // Ludvika, member of no group
let erikDb: Db;
let annaDb: Db;
const ids: Record<string, string> = {};
let theme: string;
let orgs: Record<string, string>;

const filters = (over: Partial<library.Filters> = {}): library.Filters => ({ page: 1, ...over });
const titles = async (db: Db, f = filters()) =>
	(await library.list(db, f)).items.map((i) => i.title).sort();

beforeAll(async () => {
	anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	erik = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
	theme = (await buildTheme(db.sql, { slug: 'tema-x', name: 'Tema X', startYear: 2025 })).id;
	await db.sql`update public.groups set theme_id = ${theme} where id = ${closed.id}`;
	const other = await buildGroup(db.sql, {
		visibility: 'open',
		members: [[anna.id, 'coordinator']]
	});
	ids.publicTool = (
		await buildDocument(db.sql, closed.id, {
			title: 'Öppet verktyg',
			kind: 'tool',
			status: 'published',
			isPublic: true,
			sdgGoals: [8]
		})
	).id;
	ids.membersModel = (
		await buildDocument(db.sql, closed.id, {
			title: 'Modell för medlemmar',
			status: 'published',
			sdgGoals: [11]
		})
	).id;
	ids.draft = (await buildDocument(db.sql, closed.id, { title: 'Utkast' })).id;
	ids.otherProcess = (
		await buildDocument(db.sql, other.id, {
			title: 'Annan process',
			kind: 'process',
			status: 'published'
		})
	).id;
	const rows =
		await db.sql`select slug, id from public.organizations where slug in ('avesta', 'ludvika')`;
	orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	await db.sql`update public.documents set organization_id = ${orgs.avesta!} where id = ${ids.publicTool!}`;
	annaDb = await forUser(db.rest, anna.id);
	erikDb = await forUser(db.rest, erik.id);
});

describe('the library', () => {
	it('shows every published document to signed-in members, never drafts', async () => {
		expect(await titles(erikDb)).toEqual([
			'Annan process',
			'Modell för medlemmar',
			'Öppet verktyg'
		]);
	});

	it('shows signed-out visitors only what groups made public', async () => {
		expect(await titles(anonymous(db.rest))).toEqual(['Öppet verktyg']);
	});

	it('gives the newest few as the first page does, without counting (the home page)', async () => {
		for (const who of [erikDb, annaDb, anonymous(db.rest)]) {
			const page = await library.list(who, filters());
			expect(await library.newest(who, 2)).toEqual(page.items.slice(0, 2));
		}
		expect((await library.newest(anonymous(db.rest), 4)).map((i) => i.title)).toEqual([
			'Öppet verktyg'
		]);
	});

	it('filters by kind, theme and goal', async () => {
		expect(await titles(erikDb, filters({ kind: 'tool' }))).toEqual(['Öppet verktyg']);
		expect(await titles(erikDb, filters({ theme }))).toEqual([
			'Modell för medlemmar',
			'Öppet verktyg'
		]);
		expect(await titles(erikDb, filters({ goal: 11 }))).toEqual(['Modell för medlemmar']);
	});

	it('filters by an organization that made or uses a document', async () => {
		expect(await titles(erikDb, filters({ organization: orgs.ludvika }))).toEqual([]);
		const person = { id: erik.id, organizationId: orgs.ludvika! };
		expect(
			await uses.record(erikDb, person, ids.otherProcess!, { since: '2025-09-01', note: 'Bra' })
		).toEqual({ ok: true });
		expect(await titles(erikDb, filters({ organization: orgs.ludvika }))).toEqual([
			'Annan process'
		]);
		expect(await titles(erikDb, filters({ organization: orgs.avesta }))).toEqual(['Öppet verktyg']);
	});

	it('ignores malformed filters instead of failing', () => {
		const parsed = library.filtersFrom(new URLSearchParams('kind=spell&goal=99&theme=x&page=-3'));
		expect(parsed).toEqual({
			page: 1,
			kind: undefined,
			goal: undefined,
			theme: undefined,
			organization: undefined
		});
	});
});

describe('uses ("Vi använder detta")', () => {
	it('records, updates and lists a use for the own organization only', async () => {
		const person = { id: erik.id, organizationId: orgs.ludvika! };
		expect(
			await uses.record(erikDb, person, ids.publicTool!, { since: '2025-01-01', note: 'Först' })
		).toEqual({ ok: true });
		expect(
			await uses.record(erikDb, person, ids.publicTool!, { since: '2025-02-01', note: 'Sedan' })
		).toEqual({ ok: true });
		const list = await uses.list(anonymous(db.rest), ids.publicTool!);
		expect(list).toMatchObject([
			{ organization: { slug: 'ludvika' }, since: '2025-02-01', note: 'Sedan' }
		]);
		const posing = { id: erik.id, organizationId: orgs.avesta! };
		expect(
			await uses.record(erikDb, posing, ids.membersModel!, { since: '2025-01-01', note: '' })
		).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await uses.remove(annaDb, ids.publicTool!, orgs.ludvika!)).toBe(false);
		expect(
			(await uses.ofOrganization(erikDb, orgs.ludvika!)).map((u) => u.document.title)
		).toContain('Öppet verktyg');
	});

	it('refuses uses of unpublished documents', async () => {
		const person = { id: anna.id, organizationId: orgs.avesta! };
		expect(
			await uses.record(annaDb, person, ids.draft!, { since: '2025-01-01', note: '' })
		).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
	});
});
