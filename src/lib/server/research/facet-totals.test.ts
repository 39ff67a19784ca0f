import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildResearch, buildUser } from '../testing/world.ts';

// /research's unfiltered facet counts come from totals that triggers maintain
// (supabase/migrations/20261211400000_research_facet_totals.sql). For every kind of caller and
// after every kind of change they must say exactly what counting the rows as the caller says
// (research_read / research_read_public), so nobody signed out learns how much members-only
// research there is, and the page never shows a stale number.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
const ids: string[] = [];
let institutions: string[] = [];

type Facets = Record<string, unknown>;

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

interface Filter {
	goal?: number;
	type?: string;
	language?: string;
	year?: number;
}

/** The facets counted row by row under the caller's row-level security, as before the totals. */
const live = (tx: typeof db.sql, f: Filter) => tx<{ facets: Facets }[]>`
	with hit as (select * from public.research r
		where (${f.goal ?? null}::smallint is null or r.goals @> array[${f.goal ?? null}::smallint])
			and (${f.type ?? null}::text is null or r.type = ${f.type ?? null}::text)
			and (${f.language ?? null}::text is null or r.language = ${f.language ?? null}::text)
			and (${f.year ?? null}::smallint is null or r.year = ${f.year ?? null}::smallint))
	select jsonb_build_object(
		'total', (select count(*) from hit),
		'goal', (select coalesce(jsonb_object_agg(k, n), '{}') from
			(select unnest(goals)::text k, count(*) n from hit group by 1) x),
		'target', (select coalesce(jsonb_object_agg(k, n), '{}') from
			(select unnest(targets) k, count(*) n from hit group by 1 order by 2 desc, 1 limit 40) x),
		'institution', (select coalesce(jsonb_object_agg(k, n), '{}') from (select institution_id::text k,
			count(*) n from hit where institution_id is not null group by 1) x),
		'year', (select coalesce(jsonb_object_agg(k, n), '{}') from
			(select year::text k, count(*) n from hit where year is not null group by 1) x),
		'type', (select coalesce(jsonb_object_agg(k, n), '{}') from
			(select type k, count(*) n from hit group by 1) x),
		'language', (select coalesce(jsonb_object_agg(k, n), '{}') from
			(select language k, count(*) n from hit where language is not null group by 1) x)
	) as facets`;

async function facetsOf(userId: string | null, f: Record<string, unknown> = {}) {
	return as(userId, async (tx) => {
		const [row] = await tx<{ facets: Facets }[]>`select public.research_facets(${tx.json(
			f as never
		)}) as facets`;
		return row!.facets;
	});
}

// No filter, a goal, a type, a language and any of them together come from the totals; with a
// year (or a target or an institution) the rows are counted, as before.
const filters: Filter[] = [
	{},
	{ goal: 8 },
	{ goal: 3 },
	{ goal: 11 },
	{ goal: 13 },
	{ goal: 17 },
	{ type: 'report' },
	{ type: 'article' },
	{ language: 'sv' },
	{ language: 'en' },
	{ goal: 8, type: 'report' },
	{ goal: 11, type: 'article', language: 'sv' },
	{ type: 'report', language: 'sv' },
	{ goal: 8, language: 'en' },
	{ goal: 8, type: 'report', year: 2024 },
	// Not a type there is: counted, and nothing matches (not the pin it spells).
	{ type: 'article&language=sv' }
];

async function expectSameAsLive(): Promise<void> {
	for (const [name, id] of Object.entries(callers)) {
		for (const f of filters) {
			const [counted] = await as(id, (tx) => live(tx, f));
			expect(await facetsOf(id, { ...f }), `${name}, ${JSON.stringify(f)}`).toEqual(
				counted!.facets
			);
		}
	}
}

const totalOf = async (userId: string | null) => (await facetsOf(userId)).total as number;

beforeAll(async () => {
	const rows = await db.sql<{ id: string }[]>`select id from public.organizations
		where kind = 'university' order by slug limit 2`;
	institutions = rows.map((r) => r.id);
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const erik = await buildUser(db.sql, { organizationSlug: 'ludvika', role: 'researcher' });
	const admin = await buildUser(db.sql, { organizationSlug: null, role: 'admin' });
	const add = async (visibility: 'public' | 'members', createdBy: string, target: string) =>
		ids.push(
			(
				await buildResearch(db.sql, {
					visibility,
					createdBy,
					sdg: [{ goal: 8 }, { goal: 8, target }, { goal: 3 }]
				})
			).id
		);
	await add('public', anna.id, '8.5');
	await add('members', erik.id, '8.6');
	await add('members', anna.id, '8.5');
	await add('public', erik.id, '8.2');
	await db.sql`update public.research set year = 2024, type = 'report', language = 'sv',
		institution_id = ${institutions[0]!} where id = ${ids[1]!}`;
	Object.assign(callers, { anna: anna.id, erik: erik.id, admin: admin.id, anonymous: null });
});

describe("the research list's maintained facet counts", () => {
	it('count what each caller may read, as counting the rows does', async () => {
		await expectSameAsLive();
		expect(await totalOf(null)).toBeLessThan(await totalOf(callers.anna!));
	});

	it('give a deactivated person public records and their own members-only ones only', async () => {
		await db.sql`update public.profiles set deactivated_at = now() where id = ${callers.erik!}`;
		await expectSameAsLive();
		const erik = await totalOf(callers.erik!);
		expect(erik).toBe((await totalOf(null)) + 1);
		expect(erik).toBeLessThan(await totalOf(callers.anna!));
	});

	it('follow changes to goals, targets, visibility, type, year, language and institution', async () => {
		const [a, b, c, d] = ids as [string, string, string, string];
		await db.sql`update public.research set visibility = 'members', type = 'thesis', year = 2021,
			language = 'en', institution_id = ${institutions[1] ?? null} where id = ${a}`;
		await db.sql`update public.research set visibility = 'public', language = null,
			institution_id = null, year = null where id = ${b}`;
		await db.sql`update public.research set link_count = link_count + 1`;
		await db.sql`delete from public.research_sdg where research_id = ${c} and target is not null`;
		await db.sql`insert into public.research_sdg (research_id, goal, target, source, status)
			values (${d}, 13, '13.1', 'manual', 'confirmed')`;
		await expectSameAsLive();
		await db.sql`delete from public.research where id in (${a}, ${c})`;
		await expectSameAsLive();
	});

	it('follow a bulk import, a bulk update and a bulk delete, keeping the 40 largest targets', async () => {
		// 45 targets at one record each, two at three: the 40th place is a tie.
		await db.sql`insert into public.research (title, goals, targets, year, type, language,
			visibility, created_by, institution_id)
			select 'Import ' || i, '{8,11}', array['11.' || i, '8.' || (i % 3)], 2000 + i % 7,
				(array['article', 'report', 'dataset'])[1 + i % 3], (array['sv', 'en', null])[1 + i % 3],
				(array['public', 'members'])[1 + i % 2], ${callers.erik!}, ${institutions[0]!}
			from generate_series(1, 45) i`;
		await expectSameAsLive();
		const anna = await facetsOf(callers.anna!);
		expect(Object.keys(anna.target as object)).toHaveLength(40);
		await db.sql`update public.research set visibility = 'public', targets = targets[2:2]
			where title like 'Import %' and year < 2003`;
		await expectSameAsLive();
		await db.sql`delete from public.research where title like 'Import %' and type = 'report'`;
		await expectSameAsLive();
		await db.sql`delete from public.research`;
		await expectSameAsLive();
		expect(await facetsOf(callers.admin!)).toMatchObject({ total: 0, goal: {}, target: {} });
	});
});
