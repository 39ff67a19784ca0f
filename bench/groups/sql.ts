// The set-based SQL behind groups/seed.ts: on top of the shared base (shared/seed-sql.ts: the
// sentence pool, people and 50 groups), 10 000 experiences, 5 000 threads and 50 000 replies,
// one statement per table, random but realistic, the busy group holding a large share.
import {
	base,
	baseVolume,
	int,
	pick,
	prose,
	title,
	TITLES,
	type Statements
} from '../shared/seed-sql.ts';
import { vocabulary } from '../shared/words.ts';

export { member } from '../shared/demo.ts';
export { busy } from '../shared/seed-sql.ts';

export const volume = {
	...baseVolume,
	experiences: 10_000,
	busyExperiences: 2_000,
	threads: 5_000,
	busyThreads: 1_000,
	replies: 50_000,
	busyReplies: 20_000
};

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

export const statements: Statements = [...base, ...content];
