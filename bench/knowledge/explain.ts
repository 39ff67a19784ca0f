// Where the knowledge pages spend their database time. Plain table reads are timed through
// PostgREST and explained by it (shared/explain.ts). The pages' heavier parts are database
// functions, whose EXPLAIN shows only the call; for those, auto_explain logs the plan of every
// statement run inside the call (nested statements), as the signed-in person, so row-level
// security is in the plans too. The plans come back as NOTICE messages on the connection.
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { SummaryRow } from '../shared/benchmark.ts';
import { median, percentile } from '../shared/stats.ts';
import {
	describeQuery,
	measureQuery,
	planExcerpt,
	type Query,
	type QueryFigures
} from '../shared/explain.ts';

export interface NestedPlan {
	durationMs: number;
	query: string;
	plan: string[];
}

export interface CallPlans {
	call: string;
	/** The call's own time with auto_explain's instrumentation (slower than without). */
	explainedMs: number;
	/** Statements that took at least `minMs`, slowest first; an outer one includes its inner ones. */
	statements: NestedPlan[];
}

const minMs = 1;

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 140);

/** auto_explain's text: "duration: … ms  plan:", "Query Text: …" (maybe several lines), the plan. */
function parse(message: string): NestedPlan | null {
	const lines = message.split('\n');
	const duration = /duration: ([0-9.]+) ms/.exec(lines[0] ?? '');
	if (!duration) return null;
	const planStart = lines.findIndex((l, i) => i > 0 && /\(actual time=|\(cost=/.test(l));
	const text = lines.slice(1, planStart < 0 ? undefined : planStart).join(' ');
	return {
		durationMs: Number(duration[1]),
		query: squeeze(text.replace(/^Query Text:\s*/, '').replace(/Query Parameters:.*$/, '')),
		plan: planStart < 0 ? [] : lines.slice(planStart)
	};
}

const autoExplain = [
	`log_min_duration = ${minMs}`,
	'log_analyze = on',
	'log_buffers = on',
	'log_nested_statements = on',
	`log_level = 'notice'`
];

/** Superuser settings first; then the person's role and claims, as PostgREST sets them. */
async function explainAs(tx: postgres.TransactionSql, userId: string): Promise<void> {
	await tx.unsafe(`load 'auto_explain'`);
	for (const setting of autoExplain) await tx.unsafe(`set local auto_explain.${setting}`);
	const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
	await tx`select set_config('request.jwt.claims', ${claims}, true)`;
	await tx.unsafe('set local role authenticated');
}

/**
 * Runs `call` (SQL with $1… parameters) twice as `userId` (the first warms the caches) and
 * returns the plans of the second run's statements. Read only; rolled back.
 */
export async function nestedPlans(
	url: string,
	userId: string,
	call: string,
	params: (string | number | null)[] = []
): Promise<CallPlans> {
	const notices: string[] = [];
	const sql = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
	let explainedMs = NaN;
	try {
		await sql
			.begin(async (tx) => {
				await explainAs(tx, userId);
				await tx.unsafe(call, params);
				notices.length = 0;
				const started = performance.now();
				await tx.unsafe(call, params);
				explainedMs = performance.now() - started;
				throw new Rollback();
			})
			.catch((error: unknown) => {
				if (!(error instanceof Rollback)) throw error;
			});
	} finally {
		await sql.end({ timeout: 2 });
	}
	// The call itself is left out: its plan is a bare function scan. (Its notice may come late,
	// when its portal is dropped, so the warming call's can arrive among the second's.)
	const outer = squeeze(call);
	const statements = notices
		.map(parse)
		.filter((p): p is NestedPlan => p !== null && p.query !== outer)
		.sort((a, b) => b.durationMs - a.durationMs);
	return { call, explainedMs, statements };
}

class Rollback extends Error {}

/**
 * Waits (up to two minutes) until no other query runs in the database: requests that
 * autocannon gave up on keep PostgREST and PostgreSQL busy after their connections closed, and
 * would otherwise be measured as part of whatever comes next.
 */
export async function databaseIdle(url: string): Promise<void> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const deadline = performance.now() + 120_000;
		while (performance.now() < deadline) {
			const [row] = await sql`select count(*)::int as busy from pg_stat_activity
				where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`;
			if (row!.busy === 0) return;
			await new Promise((r) => setTimeout(r, 100));
		}
	} finally {
		await sql.end({ timeout: 2 });
	}
}

/** The slowest statements of a call with the top of their plans, for the console. */
export function printPlans(plans: CallPlans, shown = 3): void {
	console.log(
		`    ${plans.call}: ${plans.explainedMs.toFixed(1)} ms with auto_explain; ` +
			`slowest statements inside (≥ ${minMs} ms):`
	);
	for (const s of plans.statements.slice(0, shown)) {
		console.log(`      ${s.durationMs.toFixed(1)} ms  ${s.query}`);
		for (const line of planExcerpt(s.plan, 12)) console.log(`        | ${line}`);
	}
}

/** One line for the summary: the call and its slowest inner statement. */
export function slowestInside(plans: CallPlans): string {
	const [inner] = plans.statements;
	const where = inner
		? `; slowest inside ${inner.durationMs.toFixed(1)} ms: ${inner.query.slice(0, 70)}`
		: '';
	return `${plans.explainedMs.toFixed(1)} ms explained${where}`;
}

/** Each request timed through PostgREST (median of 15), table reads explained by PostgREST. */
export async function timeRequests(
	db: SupabaseClient,
	queries: (Query & { rpc?: boolean; repeats?: number })[]
): Promise<QueryFigures[]> {
	const figures: QueryFigures[] = [];
	for (const q of queries) {
		const f = await measureQuery(db, q, { explain: !q.rpc, repeats: q.repeats });
		console.log(`    ${describeQuery(f)}${q.repeats ? `, p95 ${f.p95Ms.toFixed(1)} ms` : ''}`);
		for (const line of planExcerpt(f.plan)) console.log(`      | ${line}`);
		figures.push(f);
	}
	return figures;
}

export interface DatabaseTime {
	call: string;
	medianMs: number;
	p95Ms: number;
}

/**
 * The call's own time in the database as `userId` (EXPLAIN ANALYZE's execution time, without
 * per-node timing), median and p95 of `repeats` after two to warm the caches: the figure the
 * issue's goals are set in, free of HTTP and PostgREST.
 */
export async function databaseTime(
	url: string,
	userId: string,
	call: string,
	params: (string | number | null)[] = [],
	repeats = 15
): Promise<DatabaseTime> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	const times: number[] = [];
	try {
		await sql
			.begin(async (tx) => {
				const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
				await tx`select set_config('request.jwt.claims', ${claims}, true)`;
				await tx.unsafe('set local role authenticated');
				for (let i = 0; i < repeats + 2; i++) {
					const [row] = await tx.unsafe(
						`explain (analyze, timing off, format json) ${call}`,
						params
					);
					const plan = (Object.values(row!)[0] as [{ 'Execution Time': number }])[0];
					if (i >= 2) times.push(plan['Execution Time']);
				}
				throw new Rollback();
			})
			.catch((error: unknown) => {
				if (!(error instanceof Rollback)) throw error;
			});
	} finally {
		await sql.end({ timeout: 2 });
	}
	return { call, medianMs: median(times), p95Ms: percentile(times, 95) };
}

/** A summary row: the in-database figure beside its goal, met or the distance to it. */
export function goalRow(figure: string, t: DatabaseTime, goalMs: number): SummaryRow {
	const distance = t.medianMs - goalMs;
	return {
		figure: `${figure} in the database`,
		value: `median ${t.medianMs.toFixed(1)} ms, p95 ${t.p95Ms.toFixed(1)} ms`,
		target: `≤ ${goalMs} ms: ${distance <= 0 ? 'met' : `not met (+${distance.toFixed(1)} ms)`}`
	};
}
