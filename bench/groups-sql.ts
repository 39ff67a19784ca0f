// The set-based SQL behind groups-seed.ts: one statement per table, random but realistic.
// Text comes from a pool of 20 000 generated Swedish sentences that every text draws from, so
// 10 000 experiences and 50 000 replies need no per-row function calls. Random keys are drawn in
// MATERIALIZED CTEs: a volatile expression inside a join condition would be drawn per row pair.
import { vocabulary } from './groups-text.ts';

export const volume = {
	groups: 50,
	people: 200,
	experiences: 10_000,
	busyExperiences: 2_000,
	threads: 5_000,
	busyThreads: 1_000,
	replies: 50_000,
	busyReplies: 20_000
};
export const busy = { slug: 'digital-valfard', name: 'Digital välfärd' };
export const member = { email: 'anna.lind@avesta.test', password: 'erfa-demo-2026' };

const SENTENCES = 20_000;
// Sentences 1..TITLES are short (4–10 words): without their full stop they serve as titles.
const TITLES = 8_000;

// Shared with the knowledge benchmarks (knowledge-sql.ts), which fill bench_sentences their way.
export const int = (from: number, to: number) =>
	`(${from} + floor(random() * ${to - from + 1}))::int`;
export const pick = (words: readonly string[]) =>
	`(array[${words.map((w) => `'${w}'`).join(',')}])[${int(1, words.length)}]`;
export const title = (key: string) =>
	`(select rtrim(text, '.!?') from bench_sentences where k = ${key})`;

/** A derived table (n, t1, t2, …): for each of `rows` rows one text per field, each of between
 * min and max sentences from the pool (keys `from`..`to` of bench_sentences), a blank line
 * (Markdown paragraph) after every fourth. */
export function prose(
	rows: number,
	fields: [min: number, max: number][],
	[from, to]: [number, number] = [1, SENTENCES]
): string {
	const lengths = fields.map(([lo, hi], f) => `when ${f + 1} then ${int(lo, hi)}`).join(' ');
	const columns = fields.map((_, f) => `max(t) filter (where f = ${f + 1}) as t${f + 1}`);
	return `(with x as materialized (
			select i, f, j, ${int(from, to)} as sk from generate_series(1, ${rows}) i
			cross join generate_series(1, ${fields.length}) f
			cross join lateral generate_series(1, case f ${lengths} end) j)
		select i as n, ${columns.join(', ')} from (
			select i, f, string_agg(s.text, case when j % 4 = 1 and j > 1 then E'\\n\\n' else ' ' end
				order by j) as t
			from x join bench_sentences s on s.k = x.sk group by i, f) y group by i)`;
}

const pool = [
	[
		'words',
		`create temp table bench_words as select row_number() over ()::int as k, w
		from unnest(array[${vocabulary.words.map((w) => `'${w}'`).join(',')}]) w`
	],
	[
		'sentences',
		`create temp table bench_sentences as
		with x as materialized (
			select s, j, ${int(1, vocabulary.words.length)} as wk from generate_series(1, ${SENTENCES}) s
			cross join lateral generate_series(1, case when s <= ${TITLES} then ${int(4, 10)}
				else ${int(5, 16)} end) j)
		select s as k, upper(left(t, 1)) || substr(t, 2) || (array['.', '.', '.', '!', '?'])[${int(1, 5)}] as text
		from (select s, string_agg(w.w, ' ' order by j) as t
			from x join bench_words w on w.k = x.wk group by s) y`
	],
	['sentence keys', `alter table bench_sentences add primary key (k)`]
] as const;

const people = [
	[
		'people',
		`with p as (
			insert into public.profiles (name, title, organization_id, role, created_at)
			select ${pick(vocabulary.first)} || ' ' || ${pick(vocabulary.last)}, ${pick(vocabulary.titles)},
				o.id, 'member', now() - random() * interval '3 years'
			from generate_series(1, ${volume.people}) i
			join (select id, row_number() over (order by slug) - 1 as k, count(*) over () as n
				from public.organizations where kind in ('kommun', 'region', 'university')) o
				on o.k = i % o.n
			returning id)
		insert into public.accounts (user_id, email, email_verified_at)
		select id, 'bench-' || row_number() over () || '@bench.test', now() from p`
	],
	[
		'people index',
		`create temp table bench_people as
			select row_number() over (order by p.id)::int as k, p.id, p.organization_id
			from public.profiles p join public.accounts a on a.user_id = p.id
			where a.email like 'bench-%@bench.test'`
	]
] as const;

const groups = [
	[
		'groups',
		`insert into public.groups (slug, name, description, theme_id, sdg_goals, visibility, status,
			proposed_by, created_at)
		select case when i = 1 then '${busy.slug}' else 'erfa-grupp-' || lpad(i::text, 2, '0') end,
			case when i = 1 then '${busy.name}'
				else ${pick(vocabulary.topics)} || ' i ' || ${pick(vocabulary.regions)} || ' ' || i end,
			d.t1, (select id from public.themes order by slug offset i % 5 limit 1),
			array(select distinct ${int(1, 17)} from generate_series(1, 1 + i % 3))::smallint[],
			case when i > 1 and i % 3 = 0 then 'closed' else 'open' end, 'active',
			p.id, now() - random() * interval '4 years'
		from generate_series(1, ${volume.groups}) i
		join ${prose(volume.groups, [[2, 8]])} d on d.n = i
		join bench_people p on p.k = 1 + i * 3 % ${volume.people}`
	],
	[
		'groups index',
		`create temp table bench_groups as
			select row_number() over (order by slug <> '${busy.slug}', slug)::int as k, id, visibility
			from public.groups where slug = '${busy.slug}' or slug like 'erfa-grupp-%'`
	],
	// Coordinators are the proposers; everyone is in 3–10 groups, half of them also in the busy
	// one; Anna in all. DISTINCT ON keeps the coordinator row where both were drawn.
	[
		'members',
		`insert into public.group_members (group_id, user_id, role, joined_at)
		select distinct on (group_id, user_id) group_id, user_id, role, now() - random() * interval '3 years'
		from (
			select id as group_id, proposed_by as user_id, 'coordinator' as role
				from public.groups where id in (select id from bench_groups)
			union all
			select g.id, a.user_id, 'member' from bench_groups g
				cross join public.accounts a where a.email = '${member.email}'
			union all
			select g.id, p.id, 'member' from bench_people p cross join lateral (
				select id from bench_groups where k > 1 order by random() + p.k * 0 limit 3 + p.k % 8) g
			union all
			select g.id, p.id, 'member' from bench_people p join bench_groups g on g.k = 1
				where random() < 0.5
		) m order by group_id, user_id, role`
	]
] as const;

/** Keys for `count` rows: the busy group (k = 1) for the first `busyCount`, then any other. */
const picks = (count: number, busyCount: number) => `picks as materialized (
	select i, case when i <= ${busyCount} then 1 else ${int(2, volume.groups)} end as gk,
		${int(1, volume.people)} as pk, ${int(1, TITLES)} as tk,
		now() - random() * interval '3 years' as at
	from generate_series(1, ${count}) i)`;

const content = [
	[
		'experiences',
		`with ${picks(volume.experiences, volume.busyExperiences)}
		insert into public.experiences (group_id, author_id, organization_id, title, summary, background,
			actions, results, lessons, contact_person, period_start, period_end, sdg_goals, status,
			shared_with_all, created_at, updated_at, published_at)
		select g.id, p.id, p.organization_id, ${title('x.tk')}, t.t1, t.t2, t.t3, t.t4, t.t5,
			case when random() < 0.5 then ${pick(vocabulary.first)} end,
			(x.at - interval '1 year')::date, x.at::date,
			array(select distinct ${int(1, 17)} from generate_series(1, 1 + x.i % 3))::smallint[],
			'published', g.visibility = 'closed' and random() < 0.1, x.at - interval '30 days', x.at, x.at
		from picks x join bench_groups g on g.k = x.gk join bench_people p on p.k = x.pk
		join ${prose(volume.experiences, [
			[1, 3],
			[3, 8],
			[3, 10],
			[2, 6],
			[2, 5]
		])} t on t.n = x.i`
	],
	[
		'threads',
		`with ${picks(volume.threads, volume.busyThreads)}
		insert into public.threads (group_id, author_id, title, body, pinned, created_at, last_activity_at)
		select g.id, p.id, ${title('x.tk')} || case when random() < 0.5 then '?' else '' end,
			t.t1, random() < 0.01, x.at, x.at
		from picks x join bench_groups g on g.k = x.gk join bench_people p on p.k = x.pk
		join ${prose(volume.threads, [[1, 6]])} t on t.n = x.i`
	],
	[
		'threads index',
		`create temp table bench_threads as
			select row_number() over (partition by t.group_id = g.id order by t.id)::int as k,
				t.group_id = g.id as busy, t.id, t.created_at
			from public.threads t join bench_groups g on g.k = 1
			where t.group_id in (select id from bench_groups)`
	],
	// Replies go in without their triggers (each would set its thread's last_activity_at to
	// now()); the threads' last activity is set from their replies afterwards. Threads are drawn
	// skewed (u^1.5), so a few are long and most are short.
	['replication role', `set local session_replication_role = replica`],
	[
		'replies',
		`with picks as materialized (
			select i, i <= ${volume.busyReplies} as busy, ${int(1, volume.people)} as pk,
				1 + floor(power(random(), 1.5) * case when i <= ${volume.busyReplies}
					then ${volume.busyThreads} else ${volume.threads - volume.busyThreads} end)::int as tk
			from generate_series(1, ${volume.replies}) i)
		insert into public.replies (thread_id, author_id, body, created_at, deleted_at)
		select t.id, p.id, b.t1, x.at, case when random() < 0.01 then x.at end
		from (select x.i, x.pk, t.id, least(now(), t.created_at + random() * interval '90 days') as at
			from picks x join bench_threads t on t.busy = x.busy and t.k = x.tk) x
		join bench_threads t on t.id = x.id join bench_people p on p.k = x.pk
		join ${prose(volume.replies, [[1, 4]])} b on b.n = x.i`
	],
	[
		'answers',
		`update public.replies set is_answer = true where id in (
			select id from (select distinct on (r.thread_id) r.id from public.replies r
				join bench_threads t on t.id = r.thread_id where r.deleted_at is null
				order by r.thread_id, random()) x where random() < 0.3)`
	],
	[
		'last activity',
		`update public.threads t set last_activity_at = r.latest
		from (select thread_id, max(created_at) as latest from public.replies group by thread_id) r
		where r.thread_id = t.id and t.id in (select id from bench_threads)`
	]
] as const;

type Statements = readonly (readonly [label: string, sql: string])[];

/** The sentence pool, people and groups without their content: the knowledge benchmarks' base. */
export const base: Statements = [...pool, ...people, ...groups];
export const statements: Statements = [...base, ...content];
