import { beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import type { Facets } from '$lib/search/types';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';

// Search facets count a smaller sample of each later type once one type has reached the cap
// (supabase/migrations/20261211300000_search_facets_sample_after_cap.sql): the page then says
// "more than N", so every count is a lower bound already. Below the cap nothing changes, a chosen
// type is counted in full, and the read rules decide every sampled row as they decide every hit.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of no group
const closedTitle = 'Isbana i den slutna gruppen';

/** Matches per type of erfa.search_hits('isbana'), as `who`, as search_facets calls it. */
async function counted(who: BuiltUser, cap: number, mode: string) {
	return db.sql.begin(async (tx) => {
		const claims = JSON.stringify({ sub: who.id, role: 'authenticated' });
		await tx`select set_config('request.jwt.claims', ${claims}, true)`;
		await tx`set local role authenticated`;
		const rows = await tx<{ type: string; n: number; closed: number }[]>`
			select type, count(*)::int n, count(*) filter (where title = ${closedTitle})::int closed
			from erfa.search_hits(erfa.search_query('isbana'), '{}', ${cap}, ${mode}) group by type`;
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

describe('search facets from a sample once the count is "more than N"', () => {
	it('counts later types from a third of the cap once a type has reached it', async () => {
		const sampled = await counted(anna, 300, 'sample');
		expect(sampled.research!.n).toBe(300);
		expect(sampled.experience!.n).toBe(100);
		const exact = await counted(anna, 300, 'count');
		expect(exact.experience!.n).toBe(125);
	});

	it('counts exactly as before when no type reaches the cap', async () => {
		expect(await counted(anna, 400, 'sample')).toEqual(await counted(anna, 400, 'count'));
		expect((await counted(anna, 400, 'sample')).experience).toEqual({ n: 125, closed: 5 });
	});

	it("never samples a closed group's experiences for people outside it", async () => {
		for (const cap of [3, 30, 300, 400]) {
			const seen = await counted(olle, cap, 'sample');
			expect(seen.experience!.closed).toBe(0);
		}
		expect((await counted(olle, 400, 'sample')).experience!.n).toBe(120);
	});

	it('shows the sample as "more than", and counts a chosen type in full', async () => {
		const all = await facets(anna);
		expect(all.capped).toBe(true);
		expect(all.type).toEqual({ research: 300, experience: 100 });
		expect(all.total).toBe(400);
		const chosen = await facets(anna, { type: 'experience' });
		expect(chosen.type.experience).toBe(125);
		expect(chosen.total).toBe(125);
	});
});
