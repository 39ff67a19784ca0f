import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as uses from './uses.ts';
import * as library from './library.ts';
import { themes } from '$lib/server/groups';
import { emit, unreadCount } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';
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
	(await library.page(db, f)).items.map((i) => i.title).sort();

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
			const page = await library.page(who, filters());
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

// public.library_page (issue 17) reads in one call what the page read in four requests; the
// reference is those requests as the page made them.
async function separately(who: Db, f: library.Filters) {
	let query = who.from('library_documents').select('*', { count: 'exact' });
	if (f.kind) query = query.eq('kind', f.kind);
	if (f.theme) query = query.eq('theme_id', f.theme);
	if (f.goal) query = query.contains('sdg_goals', [f.goal]);
	if (f.organization) {
		query = query.or(`organization_id.eq.${f.organization},used_by.cs.{${f.organization}}`);
	}
	const from = (f.page - 1) * library.PAGE_SIZE;
	const { data, count, error } = await query
		.order('published_at', { ascending: false })
		.order('id')
		.range(from, from + library.PAGE_SIZE - 1);
	if (error) throw new Error(error.message);
	return {
		items: (data as Record<string, unknown>[]).map(library.toItem),
		total: count,
		themes: await themes.list(who),
		organizations: await organizations.choices(who)
	};
}

describe('one call for the page', () => {
	beforeAll(async () => {
		// More than a page for members: the second page and the order across it.
		const group = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
		for (let i = 0; i < library.PAGE_SIZE + 3; i++) {
			await buildDocument(db.sql, group.id, {
				title: `Rutin ${i}`,
				status: 'published',
				isPublic: i % 2 === 0,
				sdgGoals: [11]
			});
		}
	});

	it('answers as the separate reads did, for every caller and filter', async () => {
		const cases = [
			filters(),
			filters({ page: 2 }),
			filters({ kind: 'tool' }),
			filters({ theme }),
			filters({ goal: 11 }),
			filters({ goal: 11, page: 2 }),
			filters({ organization: orgs.avesta }),
			filters({ organization: orgs.ludvika, kind: 'process' })
		];
		for (const [name, who] of [
			['erik', erikDb],
			['anna', annaDb],
			['signed out', anonymous(db.rest)]
		] as const) {
			for (const f of cases) {
				const page = await library.page(who, f);
				const reference = await separately(who, f);
				expect(
					{
						items: page.items,
						total: page.total,
						themes: themes.fromRows(page.themes),
						organizations: organizations.choicesFrom(page.organizations)
					},
					`${name}: ${JSON.stringify(f)}`
				).toEqual(reference);
			}
		}
		expect((await library.page(erikDb, filters({ page: 2 }))).items).toHaveLength(6);
		expect((await library.page(anonymous(db.rest), filters())).total).toBe(13);
	});

	it('brings a signed-in caller’s unread count, and none signed out', async () => {
		const group = await buildGroup(db.sql, { visibility: 'open' });
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: group.id,
			actorId: anna.id,
			title: 'Tråd',
			link: '/groups/x/discussions/1',
			to: [erik.id]
		});
		expect((await library.page(erikDb, filters())).unread).toBe(1);
		for (const who of [erikDb, annaDb]) {
			expect((await library.page(who, filters())).unread).toBe(await unreadCount(who));
		}
		expect((await library.page(anonymous(db.rest), filters())).unread).toBeNull();
	});
});
