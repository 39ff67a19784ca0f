// Timing and explaining the requests pages make: each sent through the bundled PostgREST as a
// signed-in person, timed one at a time (median of a series), then explained by PostgREST itself
// (EXPLAIN (ANALYZE, BUFFERS) of the SQL it really runs, row-level security included). Shared by
// the volume benchmarks; which requests to send is each one's own (groups/explain.ts, knowledge/).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { median, percentile } from './stats.ts';

const repeats = 15;

export interface QueryFigures {
	name: string;
	pages: string;
	rows: number | null;
	medianMs: number;
	p95Ms: number;
	maxMs: number;
	executionMs: number | null;
	planningMs: number | null;
	plan: string[];
}

// What the request builders return: awaitable, and explain() turns them into EXPLAIN requests.
export interface Request extends PromiseLike<{ data: unknown; error: { message: string } | null }> {
	explain(options: { analyze: boolean; buffers: boolean }): PromiseLike<{ data: unknown }>;
}

export interface Query {
	name: string;
	pages: string;
	request: (db: SupabaseClient) => Request;
}

/** Lets PostgREST answer EXPLAIN requests (off by default; in-database config, then reload). */
export async function enablePlans(sql: Sql, db: SupabaseClient): Promise<void> {
	await sql.unsafe(`alter role erfa_authenticator set pgrst.db_plan_enabled = 'true'`);
	await sql.unsafe(`notify pgrst, 'reload config'`);
	for (let tries = 0; tries < 50; tries++) {
		const { data } = await db.from('sdg_goals').select('number').explain({ analyze: false });
		if (typeof data === 'string' && data.includes('cost=')) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('PostgREST did not enable EXPLAIN (db-plan-enabled) after a config reload');
}

const ms = (plan: string[], label: string) => {
	const line = plan.find((l) => l.trim().startsWith(label));
	return line ? Number(line.replace(/[^0-9.]/g, '')) : null;
};

/** Timed `repeats` times one at a time (after two untimed), then explained unless `explain` is
 * false (a function call's plan says nothing about the statements inside it). */
export async function measureQuery(
	db: SupabaseClient,
	query: Query,
	options: { repeats?: number; explain?: boolean } = {}
): Promise<QueryFigures> {
	const times: number[] = [];
	let rows: number | null = null;
	for (let i = 0; i < (options.repeats ?? repeats) + 2; i++) {
		const started = performance.now();
		const { data, error } = await query.request(db);
		if (error) throw new Error(`${query.name}: ${error.message}`);
		// The first two warm PostgREST's and PostgreSQL's caches for this query.
		if (i >= 2) times.push(performance.now() - started);
		rows = Array.isArray(data) ? data.length : null;
	}
	let plan: string[] = [];
	if (options.explain !== false) {
		const { data } = await query.request(db).explain({ analyze: true, buffers: true });
		plan = typeof data === 'string' ? data.split('\n') : [`(no plan: ${JSON.stringify(data)})`];
	}
	return {
		name: query.name,
		pages: query.pages,
		rows,
		medianMs: median(times),
		p95Ms: percentile(times, 95),
		maxMs: Math.max(...times),
		executionMs: ms(plan, 'Execution Time'),
		planningMs: ms(plan, 'Planning Time'),
		plan
	};
}

/** The first lines of the plan (its top nodes), then any sequential scan below them. */
export function planExcerpt(plan: string[], head = 10): string[] {
	const top = plan.slice(0, head);
	const scans = plan.slice(head).filter((l) => /Seq Scan|Sort Method/.test(l));
	return [...top, ...(scans.length ? ['…', ...scans] : [])].map((l) =>
		l.length > 150 ? `${l.slice(0, 149)}…` : l
	);
}

export function describeQuery(q: QueryFigures, form: 'short' | 'long' = 'long'): string {
	const explained = q.executionMs === null ? '' : `EXPLAIN ANALYZE ${q.executionMs.toFixed(1)} ms`;
	if (form === 'short') return `${q.name}: REST median ${q.medianMs.toFixed(1)} ms, ${explained}`;
	const planning = q.planningMs === null ? '' : ` (+ ${q.planningMs.toFixed(1)} ms planning)`;
	return (
		`${q.name} [${q.pages}]: ${q.rows ?? '?'} rows, REST median ${q.medianMs.toFixed(1)} ms, ` +
		`max ${q.maxMs.toFixed(1)} ms, ${explained}${planning}`
	);
}
