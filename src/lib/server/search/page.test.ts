import { beforeAll, describe, expect, it } from 'vitest';
import * as search from './search.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	rpcAs,
	buildExperience,
	buildGroup,
	buildMembership,
	buildThread,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

// The search page's two calls side by side (public.search_page and public.search_facets)
// answer exactly what the page composed from the separate calls (search, search_facets,
// search_hints, search_similar), for each caller.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of no group
let closed: { id: string };
const as: Record<string, Db> = {};

type Row = Record<string, unknown>;
type Args = { q: string; filters: Record<string, unknown>; sort: string; lim: number; off: number };

/** The page as it was composed from the separate calls before search_page. */
async function separately(who: Db, a: Args) {
	const [hits, facets] = await Promise.all([
		rpcAs<Row[]>(who, 'search', a),
		rpcAs<search.Facets>(who, 'search_facets', { q: a.q, filters: a.filters })
	]);
	const filtered = Object.values(a.filters).some((v) => v !== undefined);
	if (facets.total >= search.FEW || a.off > 0 || filtered)
		return { hits, facets, hints: null, similar: [] };
	const hints = await rpcAs<search.Hints>(who, 'search_hints', { q: a.q });
	if (hints.correction) {
		const corrected = { q: hints.correction, filters: {} };
		const more = await rpcAs<search.Facets>(who, 'search_facets', corrected);
		if (more.total <= facets.total) hints.correction = null;
	}
	const seen = new Set(hits.map((h) => `${h.type}:${h.id}`));
	const similar = (await rpcAs<Row[]>(who, 'search_similar', { q: a.q, lim: 10 })).filter(
		(h) => !seen.has(`${h.type}:${h.id}`)
	);
	return { hits, facets, hints, similar };
}

const args = (q: string, extra: Partial<Args> = {}): Args => ({
	q,
	filters: {},
	sort: 'relevance',
	lim: search.PAGE_SIZE,
	off: 0,
	...extra
});

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
	for (let i = 1; i <= 24; i++)
		await buildExperience(db.sql, open.id, anna.id, {
			title: `Samverkan mellan kommuner ${i}`,
			summary: `Kommunernas samverkan om välkomstsamtal, del ${i}.`,
			sdgGoals: [i % 2 ? 8 : 11]
		});
	await buildExperience(db.sql, closed.id, anna.id, {
		title: 'Hemlig plan för gruvdrift',
		summary: 'Gruvdrift och malmbrytning i Grängesberg.'
	});
	await buildThread(db.sql, closed.id, anna.id, { title: 'Gruvdrift', body: 'Om gruvdriften.' });
	await buildExperience(db.sql, open.id, anna.id, {
		title: 'Kompetensförsörjning i vården',
		summary: 'Rekrytering av undersköterskor.'
	});
	as.anon = anonymous(db.rest);
	for (const u of [anna, olle]) as[u.name] = await forUser(db.rest, u.id);
});

const cases: [string, Args][] = [
	['many results', args('samverkan')],
	['many results, page 2', args('samverkan', { off: search.PAGE_SIZE })],
	['many results, newest first', args('kommunernas samverkan', { sort: 'date' })],
	['many results, a filter', args('samverkan', { filters: { goal: 8 } })],
	['few results', args('gruvdrift')],
	['few results, a filter', args('gruvdrift', { filters: { type: 'thread' } })],
	['nothing, a spelling that finds more', args('gruvdrfit')],
	['nothing, similar hits', args('kompetensforsorjning')],
	['nothing at all', args('zzqxj')]
];

describe('search_page', () => {
	it.each(cases)('answers as the separate calls did: %s', async (_, a) => {
		for (const who of ['anon', 'Olle Ek', 'Anna Lind']) {
			// search_page has no facets of its own (search_results adds them; results.test.ts).
			const [page, facets] = await Promise.all([
				rpcAs<Row>(as[who]!, 'search_page', a),
				rpcAs<search.Facets>(as[who]!, 'search_facets', { q: a.q, filters: a.filters })
			]);
			expect({ ...page, facets }, who).toEqual(await separately(as[who]!, a));
		}
	});

	it('gives each caller their own hints and similar hits', async () => {
		const find = async (who: Db, query: URLSearchParams) =>
			(await search.find(who, search.queryFrom(query).query!)).results;
		const member = await find(as['Anna Lind']!, q('gruvdrfit'));
		expect(member.hints?.correction).toBe('gruvdrift');
		const outsider = await find(as['Olle Ek']!, q('gruvdrfit'));
		expect(outsider.hints?.correction ?? null).toBeNull();
		expect(outsider.similar).toEqual([]);
		const typed = await find(as['Olle Ek']!, q('kompetensforsorjning'));
		expect(typed.hits).toEqual([]);
		expect(typed.similar.map((h) => h.title)).toEqual(['Kompetensförsörjning i vården']);
	});

	it('counts the pages from the facets, with hits on the second page', async () => {
		const query = search.queryFrom(q('samverkan', '2')).query!;
		const found = (await search.find(as['Olle Ek']!, query)).results;
		expect(found.pages).toBe(2);
		expect(found.hits).toHaveLength(4);
		expect(found.hints).toBeNull();
	});
});

describe('hints', () => {
	it("names a goal by its names as they are now (the goals' words are kept)", async () => {
		const hinted = () => search.hints(as.anon!, 'snöskotrar');
		expect((await hinted()).goals).toEqual([]);
		const [goal] = await db.sql`select name_sv from public.sdg_goals where number = 14`;
		await db.sql`update public.sdg_goals set name_sv = 'Snöskotrar och hav' where number = 14`;
		try {
			expect((await hinted()).goals).toEqual([14]);
		} finally {
			await db.sql`update public.sdg_goals set name_sv = ${goal!.name_sv} where number = 14`;
		}
		expect((await hinted()).goals).toEqual([]);
	});
});

describe('access between two searches', () => {
	it('follows a membership that changes between two searches in one session', async () => {
		const olles = as['Olle Ek']!;
		const found = async () =>
			(await search.find(olles, search.queryFrom(q('malmbrytning')).query!)).results.hits.map(
				(h) => h.title
			);
		expect(await found()).toEqual([]);
		await buildMembership(db.sql, { groupId: closed.id, userId: olle.id });
		expect(await found()).toEqual(['Hemlig plan för gruvdrift']);
		await db.sql`delete from public.group_members where group_id = ${closed.id}
			and user_id = ${olle.id}`;
		expect(await found()).toEqual([]);
	});
});

function q(text: string, page = '1') {
	return new URLSearchParams({ q: text, page });
}
