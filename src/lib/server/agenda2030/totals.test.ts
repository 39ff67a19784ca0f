import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildDocument,
	buildExperience,
	buildGroup,
	buildResearch,
	buildUser
} from '../testing/world.ts';

// A goal page's totals and the goals overview count experiences, documents and research from counts that
// triggers maintain (supabase/migrations/20261208100000_goal_counts.sql). For every kind of
// caller, goal, target and municipality, and after every kind of change, they must say exactly
// what counting the rows as the caller says (the read policies), so nobody learns how much
// there is in a closed group or among members-only research.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
const experienceIds: string[] = [];
const researchIds: string[] = [];
const documentIds: string[] = [];
let orgs: Record<string, string> = {};

type Row = Record<string, unknown>;

async function as<T>(userId: string | null, run: (tx: typeof db.sql) => Promise<T>): Promise<T> {
	return db.sql.begin(async (tx) => {
		if (userId) {
			const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx`set local role authenticated`;
		} else await tx`set local role anon`;
		return run(tx as unknown as typeof db.sql);
	}) as Promise<T>;
}

/** The maintained totals and the same counted row by row, as the caller. */
async function both(
	userId: string | null,
	goal: number,
	target: string | null,
	org: string | null
) {
	return as(userId, async (tx) => {
		const [maintained] = await tx<Row[]>`select experiences::int, documents::int, research::int
			from public.goal_totals(${goal}::smallint, ${target}, ${org}::uuid)`;
		const [live] = await tx<Row[]>`select
			(select count(*)::int from public.experiences e where e.status = 'published'
				and e.hidden_at is null and e.sdg_goals @> array[${goal}::smallint]
				and (${target}::text is null or e.sdg_targets @> array[${target}::text])
				and (${org}::uuid is null or e.organization_id = ${org}::uuid)) as experiences,
			(select count(*)::int from public.documents d where d.sdg_goals @> array[${goal}::smallint]
				and (${org}::uuid is null or d.organization_id = ${org}::uuid)) as documents,
			(select count(*)::int from public.research r where r.goals @> array[${goal}::smallint]
				and (${target}::text is null or r.targets @> array[${target}::text])) as research`;
		return { maintained: maintained!, live: live! };
	});
}

async function expectSameAsLive(): Promise<void> {
	const cases: [number, string | null, string | null][] = [
		[8, null, null],
		[8, '8.5', null],
		[8, null, orgs.avesta!],
		[8, '8.6', orgs.ludvika!],
		[3, null, null],
		[13, null, null]
	];
	for (const [name, id] of Object.entries(callers)) {
		for (const [goal, target, org] of cases) {
			const { maintained, live } = await both(id, goal, target, org);
			expect(maintained, `${name} ${goal} ${target} ${org}`).toEqual(live);
		}
		const overview = await as(
			id,
			(tx) => tx<Row[]>`select goal, experiences::int, documents::int, research::int
			from public.sdg_counts() where goal in (3, 8, 13) order by goal`
		);
		for (const row of overview) {
			const { live } = await both(id, row.goal as number, null, null);
			const { experiences, documents, research } = row;
			expect({ experiences, documents, research }, name).toEqual(live);
		}
	}
}

const totalsOf = async (userId: string | null) => (await both(userId, 8, null, null)).maintained;

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
	const add = async (
		group: string,
		author: string,
		org: string | null,
		goals: number[],
		targets: string[] = [],
		shared = false
	) =>
		experienceIds.push(
			(
				await buildExperience(db.sql, group, author, {
					organizationId: org,
					sdgGoals: goals,
					sdgTargets: targets,
					sharedWithAll: shared
				})
			).id
		);
	await add(open.id, anna.id, orgs.avesta!, [8, 11], ['8.5']);
	await add(closed.id, anna.id, orgs.avesta!, [8], ['8.6']);
	await add(closed.id, anna.id, orgs.ludvika!, [3, 8], ['8.6'], true);
	// Erik's own, in a closed group he is not (or no longer) a member of.
	await add(closed.id, erik.id, orgs.ludvika!, [8, 13]);
	await add(open.id, olle.id, null, [8]);
	const research = async (visibility: 'public' | 'members', createdBy: string, target: string) =>
		researchIds.push(
			(
				await buildResearch(db.sql, {
					visibility,
					createdBy,
					sdg: [{ goal: 8 }, { goal: 8, target }]
				})
			).id
		);
	const document = async (group: string, status: 'draft' | 'published', isPublic: boolean) =>
		documentIds.push(
			(
				await buildDocument(db.sql, group, {
					status,
					isPublic,
					sdgGoals: [8, 13],
					organizationId: orgs.avesta!
				})
			).id
		);
	await document(open.id, 'published', true);
	await document(closed.id, 'published', false);
	await document(closed.id, 'draft', false);
	await research('public', anna.id, '8.5');
	await research('members', erik.id, '8.6');
	Object.assign(callers, { anna: anna.id, olle: olle.id, erik: erik.id, anonymous: null });
});

describe('the maintained totals of a goal page', () => {
	it('count what each caller may read, as counting the rows does', async () => {
		await expectSameAsLive();
	});

	it("count a closed group's experiences for its members only, and members-only research for no one signed out", async () => {
		const anna = await totalsOf(callers.anna!);
		const olle = await totalsOf(callers.olle!);
		const anonymous = await totalsOf(null);
		expect((anna.experiences as number) - (olle.experiences as number)).toBeGreaterThanOrEqual(1);
		expect(anonymous.experiences).toBe(0);
		expect((anna.documents as number) - (olle.documents as number)).toBeGreaterThanOrEqual(1);
		expect((olle.research as number) - (anonymous.research as number)).toBeGreaterThanOrEqual(1);
	});

	it('follow hiding, unpublishing, new goals and targets, moves, visibility and deletions', async () => {
		const [a, b, c, d, e] = experienceIds as [string, string, string, string, string];
		await db.sql`update public.experiences set hidden_at = now() where id = ${a}`;
		await db.sql`update public.experiences set sdg_goals = '{3,3,13}', sdg_targets = '{}' where id = ${b}`;
		await db.sql`update public.experiences set shared_with_all = false where id = ${c}`;
		await db.sql`update public.experiences set status = 'draft', published_at = null where id = ${d}`;
		await db.sql`update public.experiences set organization_id = ${orgs.avesta!} where id = ${e}`;
		await db.sql`update public.research set visibility = 'members' where id = ${researchIds[0]!}`;
		await db.sql`update public.documents set is_public = false, organization_id = ${orgs.ludvika!}
			where id = ${documentIds[0]!}`;
		await db.sql`update public.documents set status = 'published' where id = ${documentIds[2]!}`;
		// An inactive member still reads their own members-only research, nothing else of members.
		await db.sql`update public.profiles set deactivated_at = now() where id = ${callers.erik!}`;
		await expectSameAsLive();
		await db.sql`update public.experiences set hidden_at = null where id = ${a}`;
		await db.sql`delete from public.experiences where id = ${b}`;
		await db.sql`delete from public.research_sdg where research_id = ${researchIds[1]!} and target is not null`;
		await db.sql`delete from public.research where id = ${researchIds[0]!}`;
		await db.sql`delete from public.documents where id = ${documentIds[1]!}`;
		await expectSameAsLive();
	});
});
