// The volume of the groups benchmark, written straight into the database of a running Erfa (demo
// dataset already there): 50 groups, ~200 people, 10 000 published experiences, 5 000 threads
// and 50 000 replies, one "busy" group holding a fifth of the experiences and threads and two
// fifths of the replies (the SQL is in sql.ts). Then what the checks and EXPLAINs need.
import postgres, { type Sql } from 'postgres';
import { busy, member, statements } from './sql.ts';

export { busy, member, volume } from './sql.ts';

export interface Seeded {
	seconds: number;
	vacuumSeconds: number;
	stepsMs: Record<string, number>;
	counts: Record<string, number>;
	annaId: string;
	busyId: string;
	newestExperience: string;
	firstThread: string;
	busiestThread: { id: string; title: string; replies: number };
}

async function facts(sql: Sql): Promise<Omit<Seeded, 'seconds' | 'vacuumSeconds' | 'stepsMs'>> {
	const [counts] = await sql`select
		(select count(*)::int from public.groups) as groups,
		(select count(*)::int from public.group_members) as members,
		(select count(*)::int from public.experiences) as experiences,
		(select count(*)::int from public.threads) as threads,
		(select count(*)::int from public.replies) as replies,
		(select count(*)::int from public.experiences e join public.groups g on g.id = e.group_id
			where g.slug = ${busy.slug}) as busy_experiences,
		(select count(*)::int from public.group_members m join public.groups g on g.id = m.group_id
			where g.slug = ${busy.slug}) as busy_members`;
	const [ids] =
		await sql`select (select user_id from public.accounts where email = ${member.email}) as anna,
		(select id from public.groups where slug = ${busy.slug}) as busy`;
	const [newest] = await sql`select title from public.experiences
		where group_id = ${ids!.busy} order by published_at desc limit 1`;
	const [first] = await sql`select title from public.threads where group_id = ${ids!.busy}
		order by pinned desc, last_activity_at desc, id limit 1`;
	const [busiest] = await sql`select t.id, t.title, count(*)::int as replies
		from public.threads t join public.replies r on r.thread_id = t.id
		where t.group_id = ${ids!.busy} group by t.id order by count(*) desc limit 1`;
	return {
		counts: counts as Record<string, number>,
		annaId: ids!.anna as string,
		busyId: ids!.busy as string,
		newestExperience: newest!.title as string,
		firstThread: first!.title as string,
		busiestThread: busiest as unknown as Seeded['busiestThread']
	};
}

export async function seedVolume(url: string): Promise<Seeded> {
	// One connection: the pg_temp helpers and temporary tables live in its session.
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const started = performance.now();
		const steps: Record<string, number> = {};
		await sql.begin(async (tx) => {
			for (const [label, statement] of statements) {
				const t = performance.now();
				await tx.unsafe(statement).catch((error: unknown) => {
					throw new Error(`seeding ${label}: ${String(error)}`, { cause: error });
				});
				steps[label] = Math.round(performance.now() - t);
			}
		});
		const vacuumStarted = performance.now();
		// Autovacuum would get there on a live site; the planner's figures should be current.
		await sql.unsafe(`vacuum (analyze) public.profiles, public.accounts, public.groups,
			public.group_members, public.experiences, public.experience_revisions, public.threads,
			public.replies`);
		const done = performance.now();
		return {
			seconds: (done - started) / 1000,
			vacuumSeconds: (done - vacuumStarted) / 1000,
			stepsMs: steps,
			...(await facts(sql))
		};
	} finally {
		await sql.end({ timeout: 2 });
	}
}
