// The set-based SQL every volume seed starts from (groups/sql.ts, knowledge/sql.ts): helpers
// that draw random values and texts inside one statement, a pool of 20 000 generated Swedish
// sentences that every text draws from (so 10 000 experiences need no per-row function calls),
// and the base: ~200 people and 50 groups, one of them "busy", with Anna a member of all.
// Random keys are drawn in MATERIALIZED CTEs: a volatile expression inside a join condition
// would be drawn per row pair.
import { member } from './demo.ts';
import { vocabulary } from './words.ts';

/** The people and groups of the base; the seeds add their content on top. */
export const baseVolume = { groups: 50, people: 200 };
export const busy = { slug: 'digital-valfard', name: 'Digital välfärd' };

/** The base's sentence pool (bench_sentences); the knowledge seed fills its own, larger one. */
export const SENTENCES = 20_000;
// Sentences 1..TITLES are short (4–10 words): without their full stop they serve as titles.
export const TITLES = 8_000;

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
			from generate_series(1, ${baseVolume.people}) i
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
		from generate_series(1, ${baseVolume.groups}) i
		join ${prose(baseVolume.groups, [[2, 8]])} d on d.n = i
		join bench_people p on p.k = 1 + i * 3 % ${baseVolume.people}`
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

export type Statements = readonly (readonly [label: string, sql: string])[];

/** The sentence pool, people and groups without their content: every volume seed's start. */
export const base: Statements = [...pool, ...people, ...groups];
