// The set-based SQL behind seed.ts, run after the shared base (shared/seed-sql.ts: people and
// 50 groups, Anna a member of all): a Zipf-distributed sentence pool (words.ts),
// then 100 000 research records with SDG goals and targets, authors and goal links, 100 000
// published experiences in nine groups, 10 000 documents and a few thousand research links.
// Random keys are drawn in MATERIALIZED CTEs, as in shared/seed-sql.ts.
import { int, pick, prose, title } from '../shared/seed-sql.ts';
import { contentWords, functionWords, names } from './words.ts';

// BENCH_VOLUME scales every count (0.05 while working on the benchmark); 1 is the spec.
const scale = Number(process.env.BENCH_VOLUME ?? 1);
const n = (count: number) => Math.max(1, Math.round(count * scale));
export const volume = {
	scale,
	research: n(100_000),
	experiences: n(100_000),
	documents: n(10_000),
	links: n(3_000)
};
/** The demo group whose page shows the radar; it gets a share of the experiences. */
export const radarGroup = { slug: 'attraktivitet', name: 'Attraktivitet' };

const TITLES = 30_000;
const SENTENCES = 120_000;
const body: [number, number] = [TITLES + 1, SENTENCES];
const N = contentWords.length;
const literals = (words: readonly string[]) => words.map((w) => `'${w}'`).join(',');
// A content word's rank, drawn with probability ∝ 1/rank (Zipf, s = 1).
const zipf = `least(${N}, floor(exp(random() * ln(${N + 1})))::int)`;
// Goals as research and municipal work use them: some far more than others.
const weightedGoals = [
	1, 2, 3, 3, 3, 4, 4, 4, 5, 6, 7, 7, 8, 8, 8, 8, 9, 10, 11, 11, 11, 12, 13, 13, 14, 15, 16, 17
];
const goals = (count: string) => `array(select distinct g from (select (array[${weightedGoals}])
	[${int(1, weightedGoals.length)}] g from generate_series(1, ${count})) x order by 1)::smallint[]`;
// A few content words, Zipf-drawn (looked up one by one: a join would draw per row pair).
const keywords = (count: string) => `array(select distinct (select v.w from bench_vocab v
	where v.k = z.k) from (select ${zipf} as k from generate_series(1, ${count})) z)`;
// About one target per goal, drawn from the goals' own targets.
const targets = (goalsOf: string) => `coalesce((select array_agg(t.id order by t.id)
	from public.sdg_targets t where t.goal = any(${goalsOf}) and random() < 0.1), '{}')`;
const at = (years: number) => `now() - power(random(), 1.5) * interval '${years} years'`;

const pool = [
	[
		'vocabulary',
		`create temp table bench_vocab as
		select k::int, w from unnest(array[${literals(contentWords)}]) with ordinality x(w, k)
		union all select -k::int, w from unnest(array[${literals(functionWords)}]) with ordinality x(w, k);
		alter table bench_vocab add primary key (k)`
	],
	// Titles (keys 1..TITLES) are content words only; a third of body words are small words.
	[
		'sentences',
		`drop table bench_sentences;
		create temp table bench_sentences as
		with x as materialized (
			select s, j, case when s > ${TITLES} and random() < 0.35
				then -${int(1, functionWords.length)} else ${zipf} end as wk
			from generate_series(1, ${SENTENCES}) s
			cross join lateral generate_series(1, case when s <= ${TITLES} then ${int(3, 7)}
				else ${int(6, 16)} end) j)
		select s as k, upper(left(t, 1)) || substr(t, 2) || (array['.', '.', '.', '!', '?'])[${int(1, 5)}] as text
		from (select s, string_agg(v.w, ' ' order by j) as t
			from x join bench_vocab v on v.k = x.wk group by s) y;
		alter table bench_sentences add primary key (k)`
	],
	[
		'universities',
		`create temp table bench_universities as select row_number() over (order by slug)::int as k, id
		from public.organizations where kind = 'university'`
	]
] as const;

const research = [
	[
		'research',
		`with x as materialized (
			select i, ${int(1, TITLES)} as tk, ${int(1, 200)} as pk, ${int(1, 12)} as ty,
				${at(6)} as at, random() as u, random() < 0.1 as members,
				1 + floor(random() * (select count(*) from bench_universities))::int as uk,
				case when random() < 0.08 then '{}' else ${goals('1 + i % 3')} end as goals
			from generate_series(1, ${volume.research}) i)
		insert into public.research (title, abstract, year, type, language, doi, url, keywords,
			institution_id, visibility, goals, targets, created_by, created_at, updated_at)
		select ${title('x.tk')}, a.t1, extract(year from x.at)::int - ${int(0, 2)},
			(array['article','article','article','article','article','article','report','report',
				'thesis','project','project','dataset'])[x.ty],
			case when x.u < 0.45 then 'sv' else 'en' end,
			case when x.u < 0.7 then '10.99999/bench.' || x.i end, 'https://bench.test/research/' || x.i,
			${keywords('2 + x.i % 5')}, u.id, case when x.members then 'members' else 'public' end,
			x.goals, ${targets('x.goals')}, p.id, x.at, x.at
		from x join bench_universities u on u.k = x.uk join bench_people p on p.k = x.pk
		join ${prose(volume.research, [[4, 12]], body)} a on a.n = x.i`
	],
	[
		'research authors',
		`insert into public.research_authors (research_id, position, name, orcid)
		select r.id, (a - 1)::smallint, ${pick(names.first)} || ' ' || ${pick(names.last)},
			case when random() < 0.3 then '0000-000' || ${int(1, 3)} || '-' || lpad(${int(0, 9999)}::text, 4, '0')
				|| '-' || lpad(${int(0, 9999)}::text, 4, '0') end
		from public.research r cross join lateral generate_series(1, 1 + (hashtext(r.id::text) & 3)) a
		where r.url like 'https://bench.test/%'`
	],
	// The goals and targets are on the records already: the trigger that would copy them there
	// from research_sdg, one update per link, is off for this insert.
	['replication role', `set local session_replication_role = replica`],
	[
		'research goals',
		`insert into public.research_sdg (research_id, goal, target, source, confidence, status,
			decided_by, decided_at, created_at)
		select r.id, l.goal, l.target, l.source,
			case when l.source <> 'manual' then (0.5 + random() / 2)::real end, l.status,
			case when l.status <> 'suggested' then r.created_by end,
			case when l.status <> 'suggested' then r.created_at end, r.created_at
		from public.research r cross join lateral (
			select g as goal, null::text as target, case when random() < 0.5 then 'manual' else 'openalex' end as source,
				'confirmed' as status from unnest(r.goals) g
			union all
			select split_part(t, '.', 1)::smallint, t, 'manual', 'confirmed' from unnest(r.targets) t
			union all
			select 1 + (hashtext(r.id::text) & 15), null, 'keywords',
				case when hashtext(r.title) & 1 = 0 then 'suggested' else 'rejected' end
			where hashtext(r.id::text) % 3 = 0 and not (1 + (hashtext(r.id::text) & 15))::smallint = any(r.goals)
		) l
		where r.url like 'https://bench.test/%'`
	],
	['replication role off', `set local session_replication_role = origin`]
] as const;

const work = [
	[
		'experience groups',
		`create temp table bench_egroups as
		select 1 as k, id, visibility from public.groups where slug = '${radarGroup.slug}'
		union all select k + 1, id, visibility from bench_groups where k <= 8`
	],
	// A sixth in the radar's group, a quarter in the busy group, the rest in seven others.
	[
		'experiences',
		`with x as materialized (
			select i, ${int(1, TITLES)} as tk, ${int(1, 200)} as pk, ${at(4)} as at,
				case when random() < 0.15 then 1 when random() < 0.3 then 2 else ${int(3, 9)} end as gk,
				${goals('1 + i % 3')} as goals
			from generate_series(1, ${volume.experiences}) i)
		insert into public.experiences (group_id, author_id, organization_id, title, summary, background,
			actions, results, lessons, period_start, period_end, sdg_goals, sdg_targets, status,
			shared_with_all, created_at, updated_at, published_at)
		select g.id, p.id, p.organization_id, ${title('x.tk')}, t.t1, t.t2, t.t3, t.t4, t.t5,
			(x.at - interval '1 year')::date, x.at::date, x.goals, ${targets('x.goals')}, 'published',
			g.visibility = 'closed' and random() < 0.1, x.at - interval '30 days', x.at, x.at
		from x join bench_egroups g on g.k = x.gk join bench_people p on p.k = x.pk
		join ${prose(
			volume.experiences,
			[
				[1, 3],
				[3, 8],
				[3, 10],
				[2, 6],
				[2, 5]
			],
			body
		)} t on t.n = x.i`
	],
	// Documents in all 50 groups, the first ones busier; a paragraph break every fourth sentence.
	[
		'documents',
		`with x as materialized (
			select i, ${int(1, TITLES)} as tk, ${int(1, 200)} as pk, ${at(3)} as at, random() as u,
				1 + floor(power(random(), 2) * 50)::int as gk, ${goals('i % 3')} as goals
			from generate_series(1, ${volume.documents}) i)
		insert into public.documents (group_id, kind, title, summary, sdg_goals, status, is_public,
			created_by, organization_id, content_text, size_bytes, created_at, updated_at,
			content_updated_at, published_at)
		select g.id, ${pick(['model', 'tool', 'process', 'minutes', 'other'])}, ${title('x.tk')}, t.t1,
			x.goals, case when x.u < 0.6 then 'published' when x.u < 0.7 then 'review' else 'draft' end,
			x.u < 0.25, p.id, p.organization_id, t.t2, length(t.t2), x.at, x.at, x.at,
			case when x.u < 0.6 then x.at end
		from x join bench_groups g on g.k = x.gk join bench_people p on p.k = x.pk
		join ${prose(
			volume.documents,
			[
				[1, 3],
				[10, 120]
			],
			body
		)} t on t.n = x.i`
	]
] as const;

const links = [
	[
		'link ends',
		`create temp table bench_ends as
		select row_number() over ()::int as k, * from (
			(select e.id as experience_id, null::uuid as document_id, e.group_id from public.experiences e
				where e.group_id in (select id from bench_egroups) order by random() limit ${volume.links})
			union all
			(select null, d.id, d.group_id from public.documents d where d.status = 'published'
				order by random() limit ${Math.ceil(volume.links / 3)})
			union all
			(select null, null, id from bench_egroups)) e`
	],
	// Set-based, so the triggers that fill in the group and count each record's links are off;
	// both are done after.
	['replication role', `set local session_replication_role = replica`],
	[
		'research links',
		`with x as materialized (
			select i, ${int(1, volume.research)} as rk, ${int(1, 200)} as pk, random() as u,
				1 + floor(random() * (select count(*) from bench_ends))::int as ek
			from generate_series(1, ${volume.links}) i),
		r as (select row_number() over (order by id)::int as k, id, created_at from public.research
			where url like 'https://bench.test/%')
		insert into public.research_links (research_id, group_id, experience_id, document_id, status,
			proposed_by, decided_by, decided_at, created_at)
		select r.id, e.group_id, e.experience_id, e.document_id,
			case when x.u < 0.8 then 'confirmed' when x.u < 0.95 then 'proposed' else 'declined' end,
			p.id, case when x.u < 0.8 or x.u >= 0.95 then p.id end,
			case when x.u < 0.8 or x.u >= 0.95 then r.created_at end, r.created_at
		from x join r on r.k = x.rk join bench_ends e on e.k = x.ek join bench_people p on p.k = x.pk
		on conflict do nothing`
	],
	[
		'link counts',
		`update public.research r set link_count = c.n
		from (select research_id, count(*)::int as n from public.research_links
			where status = 'confirmed' group by 1) c where c.research_id = r.id`
	],
	['replication role off', `set local session_replication_role = origin`]
] as const;

export const statements: readonly (readonly [label: string, sql: string])[] = [
	...pool,
	...research,
	...work,
	...links
];
