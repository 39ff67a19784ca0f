import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildExperience,
	buildGroup,
	buildResearch,
	buildUser
} from '../testing/world.ts';

// The default goal page keeps its lists' plans per connection, one plan for every caller
// (supabase/migrations/20261210100300_goal_page_cached_lists.sql): the read rules must still
// be the caller's on each call, whoever asked before on the same connection. Anna is in a
// closed group with an experience and wrote members-only research; Erik is in no group.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
const goal = 12;

type Sql = typeof db.sql;
type Ids = Record<'group' | 'experience' | 'research', string[]>;

/** `run` in one transaction on `sql` (one reserved connection) as the caller. */
async function as<T>(sql: Sql, userId: string | null, run: () => Promise<T>): Promise<T> {
	await sql`begin`;
	try {
		if (userId) {
			const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
			await sql`select set_config('request.jwt.claims', ${claims}, true)`;
			await sql`set local role authenticated`;
		} else await sql`set local role anon`;
		return await run();
	} finally {
		await sql`rollback`;
	}
}

/** The page's lists and the same read from the tables, in the page's order, as the caller. */
async function pageAndTables(sql: Sql, userId: string | null): Promise<[Ids, Ids]> {
	return as(sql, userId, async () => {
		const [row] = await sql`select public.goal_page(${goal}::smallint) as page`;
		const page = row!.page as Record<keyof Ids, { items: { id: string }[] }>;
		const idsOf = (kind: keyof Ids) => page[kind].items.map((i) => i.id);
		const [tables] = await sql`select
			array(select g.id from public.groups g where g.status = 'active'
				and g.sdg_goals @> array[${goal}::smallint] order by g.created_at desc limit 20) as group,
			array(select e.id from public.experiences e where e.status = 'published'
				and e.hidden_at is null and e.sdg_goals @> array[${goal}::smallint]
				order by e.published_at desc, e.id limit 20) as experience,
			array(select r.id from public.research r where r.goals @> array[${goal}::smallint]
				order by r.year desc nulls last, r.created_at desc, r.id limit 20) as research`;
		const read = {
			group: idsOf('group'),
			experience: idsOf('experience'),
			research: idsOf('research')
		};
		return [read, tables as Ids];
	});
}

beforeAll(async () => {
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const erik = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	Object.assign(callers, { anna: anna.id, erik: erik.id, anon: null });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
	await db.sql`update public.groups set sdg_goals = ${[goal]} where id in ${db.sql([open.id, closed.id])}`;
	for (const [group, title] of [
		[open.id, 'Öppen'],
		[closed.id, 'Stängd']
	] as const)
		await buildExperience(db.sql, group, anna.id, { title, sdgGoals: [goal] });
	for (const visibility of ['public', 'members'] as const)
		await buildResearch(db.sql, {
			title: visibility,
			visibility,
			createdBy: anna.id,
			sdg: [{ goal }]
		});
});

describe('the default goal page with its lists planned once per connection', () => {
	it('gives each caller what they may read, whoever asked before on the connection', async () => {
		// The lists are few and the tables small: the static statements read them.
		const [walks] = await db.sql`select erfa.goal_page_walks('public.experiences', 1) as e,
			erfa.goal_page_walks('public.research', 1) as r`;
		expect(walks).toEqual({ e: true, r: true });
		const connection = await db.sql.reserve();
		try {
			const seen: Record<string, Ids> = {};
			for (let round = 0; round < 3; round++)
				for (const [name, id] of Object.entries(callers)) {
					const [read, tables] = await pageAndTables(connection as unknown as Sql, id);
					expect(read, `${name}, round ${round}`).toEqual(tables);
					seen[name] = read;
				}
			expect(seen.anna!.experience).toHaveLength(2);
			expect(seen.erik!.experience).toHaveLength(1);
			expect(seen.anon!.experience).toEqual([]);
			expect(seen.anna!.research).toHaveLength(2);
			expect(seen.anon!.research).toHaveLength(1);
		} finally {
			connection.release();
		}
	});
});
