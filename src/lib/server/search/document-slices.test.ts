import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';
import * as search from './search.ts';

// Search reads documents' text index in two slices of their ids, and research's and
// experiences' first slice in two (supabase/migrations/20261213100000_search_document_slices.sql).
// Documents with ids at the edges of both slices show that nothing is lost or counted twice,
// that the cap holds across them, and that each reader sees exactly the documents their read
// rule gives them in every slice: a closed group's drafts only for its members and an
// administrator, a published document for every active member, a public one for everyone.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of both groups
let olle: BuiltUser; // member of neither
let gone: BuiltUser; // member of both, deactivated
let admin: BuiltUser; // administrator, member of neither
const as: Record<string, Db> = {};

const edges = [
	'00000000-0000-4000-8000-000000000001',
	'07ffffff-ffff-4fff-bfff-ffffffffffff',
	'08000000-0000-4000-8000-000000000000',
	'ffffffff-ffff-4fff-bfff-ffffffffffff'
];
const publicId = '7fffffff-ffff-4fff-bfff-ffffffffffff';
const draftIds = ['0000ffff-0000-4000-8000-000000000000', 'f000ffff-0000-4000-8000-000000000000'];
// Research and experiences: the edges of the slice split in two (1/256 and 7/256).
const splitEdges = ['00ffffff-ffff-4fff-bfff-ffffffffffff', '01000000-0000-4000-8000-000000000000'];

const insert = (id: string, groupId: string, status: string, isPublic = false) => db.sql`
	insert into public.documents (id, group_id, kind, title, summary, status, is_public, published_at)
	values (${id}, ${groupId}, 'model', 'Snöröjning i kommunen', 'Plogning på landsbygden.',
		${status}, ${isPublic}, case when ${status} = 'published' then now() end)`;

/** erfa.search_hits as `who` (or signed out), as the page's functions call it. */
async function hits(
	who: BuiltUser | null,
	cap: number | null,
	type = 'document'
): Promise<string[]> {
	return db.sql.begin(async (tx) => {
		if (who) {
			const claims = JSON.stringify({ sub: who.id, role: 'authenticated' });
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx`set local role authenticated`;
		} else await tx`set local role anon`;
		const rows = await tx<{ id: string }[]>`select id from erfa.search_hits(
			erfa.search_query('snöröjning'), jsonb_build_object('type', ${type}::text), ${cap}, 'count')`;
		return rows.map((r) => r.id);
	});
}

const find = async (who: Db, q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q }));
	return (await search.find(who, parsed.query!)).results;
};

const published = [...edges, publicId].sort();
const all = [...published, ...draftIds].sort();

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	gone = await buildUser(db.sql, { name: 'Gunnar Borta', deactivated: true });
	admin = await buildUser(db.sql, { name: 'Ada Admin', role: 'admin' });
	const members: [string, 'member'][] = [
		[anna.id, 'member'],
		[gone.id, 'member']
	];
	const open = await buildGroup(db.sql, { visibility: 'open', members });
	const closed = await buildGroup(db.sql, { visibility: 'closed', members });
	for (const id of edges) await insert(id, open.id, 'published');
	await insert(publicId, open.id, 'published', true);
	for (const id of draftIds) await insert(id, closed.id, 'draft');
	for (const [i, id] of splitEdges.entries()) {
		await db.sql`insert into public.experiences (id, group_id, author_id, title, summary, status,
			published_at) values (${id}, ${open.id}, ${anna.id}, ${`Snöröjning ${i}`}, 'Plogning.',
			'published', now())`;
		await db.sql`insert into public.research (id, title, abstract, visibility, created_by)
			values (${id}, ${`Snöröjning ${i}`}, 'Plogning.', 'public', ${anna.id})`;
	}
	as.anna = await forUser(db.rest, anna.id);
	as.olle = await forUser(db.rest, olle.id);
	as.anon = anonymous(db.rest);
});

describe('search over slices of documents', () => {
	it('finds every document in both slices once, and counts them', async () => {
		const found = await find(as.anna!, 'snöröjning');
		expect(found.facets.type).toMatchObject({ document: all.length });
		expect(
			found.hits
				.filter((h) => h.type === 'document')
				.map((h) => h.id)
				.sort()
		).toEqual(all);
		expect((await hits(anna, null)).sort()).toEqual(all);
	});

	it('stops at the cap, also when it is reached in the second slice', async () => {
		for (const cap of [1, 2, 3, 4, 6, 7, 8]) {
			const ids = await hits(anna, cap);
			expect(ids.length).toBe(Math.min(cap, all.length));
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('gives each reader exactly what their read rule gives them, in every slice', async () => {
		// A closed group's drafts: its members and an administrator only.
		expect((await hits(olle, null)).sort()).toEqual(published);
		expect((await hits(admin, null)).sort()).toEqual(all);
		// A deactivated member and a signed-out reader: public documents only.
		expect(await hits(gone, null)).toEqual([publicId]);
		expect(await hits(null, null)).toEqual([publicId]);
		const outside = await find(as.olle!, 'snöröjning');
		expect(outside.hits.map((h) => h.id)).not.toContain(draftIds[0]);
		expect(outside.hits.map((h) => h.id)).not.toContain(draftIds[1]);
		const signedOut = await find(as.anon!, 'snöröjning');
		expect(signedOut.hits.filter((h) => h.type === 'document').map((h) => h.id)).toEqual([
			publicId
		]);
	});

	it('finds research and experiences on both sides of their first slice split', async () => {
		expect((await hits(anna, null, 'research')).sort()).toEqual(splitEdges);
		expect((await hits(anna, null, 'experience')).sort()).toEqual(splitEdges);
		expect(await hits(anna, 1, 'experience')).toHaveLength(1);
	});
});
