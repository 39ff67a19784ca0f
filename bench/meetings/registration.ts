// Registration under contention: many people register for one event at the same moment,
// through PostgREST as each of them (as the event page does), then some cancel at once. The
// database hands out places under the event's row lock (public.register_for_event), so this
// measures how many registrations per second one event takes while they queue on that lock,
// and checks that the count is exact: never more confirmed than the capacity, the waitlist in
// arrival order, one promotion per cancellation.
import postgres from 'postgres';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { databaseUrl, restClient } from '../shared/database.ts';
import { removeDataDir, stopErfa, withOutput, type RunningErfa } from '../shared/erfa.ts';
import { startWithRetries } from '../shared/pages.ts';
import { removeSnapshot } from '../shared/snapshot.ts';
import { median } from '../shared/stats.ts';

const people = Number(process.env.MEETINGS_PEOPLE ?? 300);
const capacity = Math.floor(people / 5);
const cancellations = Math.floor(capacity / 4);
const rounds = Number(process.env.MEETINGS_ROUNDS ?? 3);

type Sql = ReturnType<typeof postgres>;

async function seedPeople(sql: Sql): Promise<string[]> {
	const rows = await sql<{ id: string }[]>`
		with p as (insert into public.profiles (name, role)
			select 'Bänk ' || g, 'member' from generate_series(1, ${people}) g returning id)
		insert into public.accounts (user_id, email, email_verified_at)
			select id, 'bench-' || id || '@example.test', now() from p returning user_id as id`;
	return rows.map((r) => r.id);
}

async function newEvent(sql: Sql): Promise<string> {
	const [row] = await sql<{ id: string }[]>`insert into public.events (title, starts_at, ends_at,
			registration_open, capacity, visibility)
		values ('Bänkkonferens', now() + interval '30 days', now() + interval '30 days 8 hours',
			true, ${capacity}, 'public') returning id`;
	return row!.id;
}

const percentile = (values: number[], p: number) =>
	[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function round(erfa: RunningErfa, sql: Sql, ids: string[]) {
	const eventId = await newEvent(sql);
	const rest = { url: `http://127.0.0.1:${erfa.ports.rest}`, dataDir: erfa.dataDir };
	const clients = await Promise.all(ids.map((id) => restClient(rest, id)));
	const latencies: number[] = [];
	const started = performance.now();
	const results = await Promise.all(
		clients.map(async (db) => {
			const t = performance.now();
			const { data, error } = await db.rpc('register_for_event', {
				p_event: eventId,
				p_mode: 'on_site',
				p_answers: {}
			});
			latencies.push(performance.now() - t);
			if (error) throw new Error(error.message);
			return data as { id: string; status: string };
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const confirmed = results.filter((r) => r.status === 'confirmed');
	const cancelStarted = performance.now();
	const cancelled = await Promise.all(
		confirmed.slice(0, cancellations).map(async (r) => {
			const owner = clients[results.indexOf(r)]!;
			const { data } = await owner.rpc('cancel_event_registration', { p_registration: r.id });
			return (data as { promoted: string[] }).promoted.length;
		})
	);
	const cancelSeconds = (performance.now() - cancelStarted) / 1000;
	const [check] = await sql<{ confirmed: number; in_order: boolean }[]>`
		select count(*) filter (where status = 'confirmed')::int as confirmed,
			coalesce(max(seq) filter (where status in ('confirmed', 'cancelled'))
				< min(seq) filter (where status = 'waitlisted'), true) as in_order
		from public.event_registrations where event_id = ${eventId}`;
	return {
		perSecond: people / seconds,
		p50: percentile(latencies, 0.5),
		p95: percentile(latencies, 0.95),
		confirmed: confirmed.length,
		promoted: cancelled.reduce((a, b) => a + b, 0),
		cancelPerSecond: cancellations / cancelSeconds,
		confirmedAfter: check!.confirmed,
		inOrder: check!.in_order
	};
}

async function measure(erfa: RunningErfa) {
	const sql = postgres(await databaseUrl(erfa.dataDir, erfa.ports.postgres), {
		max: 2,
		onnotice: () => {}
	});
	try {
		const ids = await seedPeople(sql);
		console.log(`  ${people} people register at once for ${capacity} places, ${rounds} rounds`);
		const all = [];
		for (let i = 0; i < rounds; i++) {
			const r = await round(erfa, sql, ids);
			console.log(
				`  round ${i + 1}: ${r.perSecond.toFixed(0)} registrations/s (p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms), ` +
					`${r.confirmed} confirmed, ${cancellations} cancel → ${r.promoted} promoted, ${r.confirmedAfter} confirmed after`
			);
			all.push(r);
		}
		return all;
	} finally {
		await sql.end({ timeout: 2 });
	}
}

function summarize(all: Awaited<ReturnType<typeof measure>>, leftovers: string[]): BenchResult {
	const exact = all.every(
		(r) =>
			r.confirmed === capacity &&
			r.promoted === cancellations &&
			r.confirmedAfter === capacity &&
			r.inOrder
	);
	return {
		name: 'meetings-registration',
		summary: [
			{
				figure: `registrations/s, ${people} at once for ${capacity} places (median of ${rounds})`,
				value: median(all.map((r) => r.perSecond)).toFixed(0)
			},
			{
				figure: 'registration latency p95 (median round)',
				value: `${median(all.map((r) => r.p95)).toFixed(0)} ms`
			},
			{
				figure: `cancellations/s (${cancellations} at once)`,
				value: median(all.map((r) => r.cancelPerSecond)).toFixed(0)
			},
			{
				figure: 'capacity exact, waitlist in order, one promotion per cancellation',
				value: exact ? 'yes' : 'NO',
				target: 'yes'
			},
			{
				figure: 'postgres/postgrest left running',
				value: leftovers.length ? leftovers.join('; ') : 'none'
			}
		],
		details: { people, capacity, cancellations, rounds: all }
	};
}

export const meetingsRegistration: Benchmark = {
	name: 'meetings-registration',
	async run() {
		const { appDir, erfa } = await startWithRetries('meetings', 'demo');
		try {
			let all: Awaited<ReturnType<typeof measure>>;
			let leftovers: string[];
			try {
				all = await measure(erfa);
			} catch (error) {
				throw withOutput(error, erfa);
			} finally {
				leftovers = (await stopErfa(erfa)).leftovers;
			}
			return summarize(all, leftovers);
		} finally {
			await Promise.all([removeDataDir(erfa.dataDir), removeSnapshot(appDir)]);
		}
	}
};
