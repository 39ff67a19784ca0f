import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';
import * as search from './search.ts';

// Search reads the large tables' text indexes slice by slice (supabase/migrations/
// 20261207400000_search_slices.sql) and stops at each type's cap. Experiences with ids at the
// edges of every slice show that nothing is lost or counted twice between slices, that the cap
// holds across them, and that a closed group's experiences stay hidden in every slice.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of both groups
let olle: BuiltUser; // member of neither
const as: Record<string, Db> = {};

const edges = [
	'00000000-0000-4000-8000-000000000001',
	'07ffffff-ffff-4fff-bfff-ffffffffffff',
	'08000000-0000-4000-8000-000000000000',
	'1fffffff-ffff-4fff-bfff-ffffffffffff',
	'20000000-0000-4000-8000-000000000000',
	'3fffffff-ffff-4fff-bfff-ffffffffffff',
	'40000000-0000-4000-8000-000000000000',
	'7fffffff-ffff-4fff-bfff-ffffffffffff',
	'80000000-0000-4000-8000-000000000000',
	'ffffffff-ffff-4fff-bfff-ffffffffffff'
];
const closedIds = ['0000ffff-0000-4000-8000-000000000000', 'f000ffff-0000-4000-8000-000000000000'];

const insert = (id: string, groupId: string, title: string) => db.sql`
	insert into public.experiences (id, group_id, author_id, title, summary, status, published_at)
	values (${id}, ${groupId}, ${anna.id}, ${title}, 'Snöröjning på landsbygden.', 'published', now())`;

/** erfa.search_hits as Anna, as the page's functions call it. */
async function hits(cap: number | null, mode = 'relevance'): Promise<string[]> {
	return db.sql.begin(async (tx) => {
		const claims = JSON.stringify({ sub: anna.id, role: 'authenticated' });
		await tx`select set_config('request.jwt.claims', ${claims}, true)`;
		await tx`set local role authenticated`;
		const rows = await tx<{ id: string }[]>`select id from erfa.search_hits(
			erfa.search_query('snöröjning'), '{"type":"experience"}', ${cap}, ${mode})`;
		return rows.map((r) => r.id);
	});
}

const find = async (who: Db, q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q }));
	return (await search.find(who, parsed.query!)).results;
};

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'member']]
	});
	for (const [i, id] of edges.entries()) await insert(id, open.id, `Snöröjning ${i + 1}`);
	for (const id of closedIds) await insert(id, closed.id, 'Snöröjning i den slutna gruppen');
	for (const u of [anna, olle]) as[u.name] = await forUser(db.rest, u.id);
});

describe('search over slices of the large tables', () => {
	it('finds every match in every slice once, and counts them', async () => {
		const found = await find(as['Anna Lind']!, 'snöröjning');
		expect(found.facets.type).toEqual({ experience: 12 });
		expect(found.hits.map((h) => h.id).sort()).toEqual([...edges, ...closedIds].sort());
		expect((await hits(null)).sort()).toEqual([...edges, ...closedIds].sort());
		expect((await hits(null, 'titles')).length).toBe(12);
	});

	it('stops at the cap, also when it is reached in a later slice', async () => {
		for (const cap of [1, 2, 3, 7, 11, 12, 13]) {
			const ids = await hits(cap, 'count');
			expect(ids.length).toBe(Math.min(cap, 12));
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it("never shows a closed group's experiences to people outside it, in any slice", async () => {
		const found = await find(as['Olle Ek']!, 'snöröjning');
		expect(found.facets.type).toEqual({ experience: 10 });
		expect(found.hits.map((h) => h.id)).not.toContain(closedIds[0]);
		expect(found.hits.map((h) => h.id)).not.toContain(closedIds[1]);
		const typed = await search.suggest(as['Olle Ek']!, 'snöröjning i den slut');
		expect(typed.hits).toEqual([]);
	});
});
