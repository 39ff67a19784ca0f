import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildGroup, buildUser, buildExperience } from '../testing/world.ts';

// The map counts experiences from counts that triggers maintain
// (supabase/migrations/20261207400200_map_counts.sql). After every kind of change, and for
// every kind of caller, they must say exactly what reading every experience says
// (erfa.knowledge_map_live), so nobody is ever shown a count of what they may not read.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
let experienceIds: string[] = [];
let orgs: Record<string, string> = {};

type Row = Record<string, unknown>;

/** Both functions as the caller would run them through PostgREST: role, claims, RLS. */
async function mapAs(userId: string | null, fn: string): Promise<string[]> {
	return db.sql.begin(async (tx) => {
		if (userId) {
			const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx`set local role authenticated`;
		} else await tx`set local role anon`;
		const rows = await tx.unsafe<Row[]>(`select * from ${fn}() order by 1, 2`);
		return rows.map((r) => JSON.stringify(r));
	});
}

async function expectSameAsLive(): Promise<void> {
	for (const [name, id] of Object.entries(callers)) {
		const counted = await mapAs(id, 'public.knowledge_map');
		expect(counted, name).toEqual(await mapAs(id, 'erfa.knowledge_map_live'));
	}
}

const avesta8 = async (id: string) =>
	(await mapAs(id, 'public.knowledge_map'))
		.map((r) => JSON.parse(r) as Row)
		.find((r) => r.organization_id === orgs.avesta && r.goal === 8)?.experiences ?? 0;

beforeAll(async () => {
	const rows = await db.sql<{ slug: string; id: string }[]>`select slug, id
		from public.organizations where slug in ('avesta', 'ludvika')`;
	orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const olle = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const erik = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'member']]
	});
	const add = (group: string, author: string, org: string, goals: number[], shared = false) =>
		buildExperience(db.sql, group, author, {
			organizationId: org,
			sdgGoals: goals,
			sharedWithAll: shared
		});
	experienceIds = [
		(await add(open.id, anna.id, orgs.avesta!, [8, 11])).id,
		(await add(closed.id, anna.id, orgs.avesta!, [8])).id,
		(await add(closed.id, anna.id, orgs.ludvika!, [3, 8], true)).id,
		// Erik's own, in a closed group he is not (or no longer) a member of.
		(await add(closed.id, erik.id, orgs.ludvika!, [13])).id,
		(await add(open.id, olle.id, orgs.ludvika!, [])).id
	];
	Object.assign(callers, { anna: anna.id, olle: olle.id, erik: erik.id, anonymous: null });
});

describe('the maintained experience counts of the map', () => {
	it('count what each caller may read, as reading every experience does', async () => {
		await expectSameAsLive();
		expect(await avesta8(callers.anna!)).toBe('2');
		expect(await avesta8(callers.olle!)).toBe('1');
	});

	it('follow hiding, unpublishing, new goals, moves and deletions', async () => {
		const [a, b, c, d, e] = experienceIds as [string, string, string, string, string];
		await db.sql`update public.experiences set hidden_at = now() where id = ${a}`;
		await db.sql`update public.experiences set sdg_goals = '{1,1,17}' where id = ${b}`;
		await db.sql`update public.experiences set shared_with_all = false where id = ${c}`;
		await db.sql`update public.experiences set status = 'draft', published_at = null where id = ${d}`;
		await db.sql`update public.experiences set organization_id = ${orgs.avesta!} where id = ${e}`;
		await expectSameAsLive();
		await db.sql`update public.experiences set hidden_at = null where id = ${a}`;
		await db.sql`update public.experiences set status = 'published', published_at = now() where id = ${d}`;
		await db.sql`delete from public.experiences where id = ${b}`;
		await expectSameAsLive();
	});
});
