import { beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import type { Facets } from '$lib/search/types';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';

// Search facets count the first 300 matches of each type, in one pass
// (supabase/migrations/20261211300000_search_facets_one_pass.sql): a type that reaches 300 makes
// the page say "more than N", every other type is counted exactly, and the read rules decide
// every counted row as they decide every hit.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of no group
const closedTitle = 'Isbana i den slutna gruppen';

/** Matches per type of erfa.search_hits('isbana'), as `who`, as search_facets calls it. */
async function counted(who: BuiltUser, cap: number) {
	return db.sql.begin(async (tx) => {
		const claims = JSON.stringify({ sub: who.id, role: 'authenticated' });
		await tx`select set_config('request.jwt.claims', ${claims}, true)`;
		await tx`set local role authenticated`;
		const rows = await tx<{ type: string; n: number; closed: number }[]>`
			select type, count(*)::int n, count(*) filter (where title = ${closedTitle})::int closed
			from erfa.search_hits(erfa.search_query('isbana'), '{}', ${cap}, 'count') group by type`;
		return Object.fromEntries(rows.map((r) => [r.type, { n: r.n, closed: r.closed }]));
	});
}

async function facets(who: BuiltUser, filters: object = {}): Promise<Facets> {
	const { data, error } = await (
		await forUser(db.rest, who.id)
	).rpc('search_facets', {
		q: 'isbana',
		filters
	});
	if (error) throw error;
	return data as Facets;
}

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	const open = await buildGroup(db.sql, { visibility: 'open' });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'member']]
	});
	// Research is read first: 301 records reach the facets' cap of 300.
	await db.sql`insert into public.research (title, visibility)
		select 'Isbana ' || i, 'public' from generate_series(1, 301) i`;
	const experiences = (groupId: string, n: number, title: string) => db.sql`
		insert into public.experiences (group_id, author_id, title, summary, status, published_at)
		select ${groupId}, ${anna.id}, ${title}, 'Spolning av isbanan.', 'published', now()
		from generate_series(1, ${n})`;
	await experiences(open.id, 120, 'Isbana vid skolan');
	await experiences(closed.id, 5, closedTitle);
});

describe('search facets up to the cap', () => {
	it('counts every type up to the cap, whatever type reached it first', async () => {
		expect(await counted(anna, 300)).toEqual({
			research: { n: 300, closed: 0 },
			experience: { n: 125, closed: 5 }
		});
	});

	it("never counts a closed group's experiences for people outside it", async () => {
		for (const cap of [3, 30, 300, 400]) {
			const seen = await counted(olle, cap);
			expect(seen.experience!.closed).toBe(0);
		}
		expect((await counted(olle, 400)).experience!.n).toBe(120);
	});

	it('says "more than" when a type reaches the cap, and counts the others exactly', async () => {
		const all = await facets(anna);
		expect(all.capped).toBe(true);
		expect(all.type).toEqual({ research: 300, experience: 125 });
		expect(all.total).toBe(425);
		const chosen = await facets(anna, { type: 'experience' });
		expect(chosen.type.experience).toBe(125);
		expect(chosen.total).toBe(125);
		expect((await facets(olle)).type).toEqual({ research: 300, experience: 120 });
	});
});
