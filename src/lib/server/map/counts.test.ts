import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildGroup, buildUser, buildExperience } from '../testing/world.ts';
import { expectSameAsLive as checkSameAsLive, mapAs as mapAsCaller } from './testing/as-caller.ts';

// The map counts experiences from counts that triggers maintain
// (supabase/migrations/20261207400200_map_counts.sql), added up per organization and goal by a
// trigger on the counts (20261210100000_map_experience_totals.sql). After every kind of change,
// and for every kind of caller, they must say exactly what reading every experience says
// (erfa.knowledge_map_live), so nobody is ever shown a count of what they may not read.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
let experienceIds: string[] = [];
let orgs: Record<string, string> = {};

type Row = Record<string, unknown>;

const mapAs = (userId: string | null, fn: string) => mapAsCaller(db.sql, userId, fn);
const expectSameAsLive = () => checkSameAsLive(db.sql, callers);

/** The totals per organization and goal against adding up the counts they are kept from. */
async function expectTotalsAddUp(): Promise<void> {
	const differing = await db.sql`
		with t as (select organization_id, goal, n from erfa_private.map_experience_totals
			where n > 0),
		c as (select organization_id, goal, sum(n)::int as n from erfa_private.map_experience_counts
			where goal > 0 group by 1, 2 having sum(n) > 0)
		(select * from t except select * from c) union all (select * from c except select * from t)`;
	expect(differing).toEqual([]);
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
	const admin = await buildUser(db.sql, { organizationSlug: null, role: 'admin' });
	const gone = await buildUser(db.sql, { organizationSlug: 'avesta', deactivated: true });
	Object.assign(callers, { anna: anna.id, olle: olle.id, erik: erik.id, anonymous: null });
	Object.assign(callers, { admin: admin.id, deactivated: gone.id });
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
		await expectTotalsAddUp();
	});

	it('stay exact when two changes to one count meet', async () => {
		// Two people change experiences of one organization, group and goal at once: the second
		// waits for the first's count and total rows and then adds its own change to them.
		const [a, , , , e] = experienceIds as [string, string, string, string, string];
		const first = await db.sql.reserve();
		const second = await db.sql.reserve();
		try {
			await first`begin`;
			await first`update public.experiences set sdg_goals = '{8,11,13}' where id = ${a}`;
			await second`begin`;
			const moved = second`update public.experiences set sdg_goals = '{8,13}',
				organization_id = ${orgs.avesta!} where id = ${e}`.execute();
			await expect
				.poll(async () => {
					const [row] = await db.sql<{ waiting: number }[]>`select count(*)::int as waiting
						from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`;
					return row!.waiting;
				})
				.toBeGreaterThan(0);
			await first`commit`;
			await moved;
			await second`commit`;
		} finally {
			first.release();
			second.release();
		}
		await expectTotalsAddUp();
		await expectSameAsLive();
	});
});
