// Where the busy group's pages spend their database time: the PostgREST requests their loads
// make, sent as Anna through the bundled PostgREST, timed (median of a series, one at a time),
// then explained by PostgREST itself (EXPLAIN (ANALYZE, BUFFERS) of the SQL it really runs,
// row-level security included). The selects mirror src/lib/server/{groups,memberships,
// experiences,discussions}.ts; keep them in step when those change.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { signUserToken } from '../src/lib/server/auth/jwt.ts';
import { median, percentile } from './support.ts';

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

interface Ids {
	annaId: string;
	busyId: string;
	busySlug: string;
	threadId: string;
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

const GROUP =
	'id, slug, name, description, visibility, status, sdg_goals, proposed_by, decision_note, created_at, theme:themes(id, slug, name)';
const EXPERIENCE =
	'id, group_id, title, summary, status, shared_with_all, hidden_at, period_start, period_end, ' +
	'sdg_goals, published_at, updated_at, author:profiles!experiences_author_id_fkey(id, name), ' +
	'organization:organizations(id, name)';
const AUTHOR = (table: string) =>
	`author:profiles!${table}_author_id_fkey(id, name, organization:organizations(name))`;
const POST = 'id, body, created_at, edited_at, deleted_at, hidden_at, hidden_reason';

function queries(ids: Ids): Query[] {
	const all = 'every page';
	const group = 'group pages';
	return [
		{
			name: 'groups.list',
			pages: '/groups',
			request: (db) => db.from('groups').select(GROUP).in('status', ['active', 'archived'])
		},
		{
			name: 'groups.participation',
			pages: '/groups',
			request: (db) =>
				db.from('group_participation').select('group_id, member_count, municipalities')
		},
		{
			name: 'groups.myRoles',
			pages: '/groups',
			request: (db) => db.from('group_members').select('group_id, role').eq('user_id', ids.annaId)
		},
		{
			name: 'notifications.unreadCount',
			pages: all,
			request: (db) =>
				db.from('notifications').select('id', { count: 'exact' }).is('read_at', null).limit(0)
		},
		{
			name: 'groups.bySlug',
			pages: group,
			request: (db) => db.from('groups').select(GROUP).eq('slug', ids.busySlug)
		},
		{
			name: 'memberships.roleOf',
			pages: group,
			request: (db) =>
				db.from('group_members').select('role').eq('group_id', ids.busyId).eq('user_id', ids.annaId)
		},
		{
			name: 'profiles.sdgGoals',
			pages: 'overview, experiences',
			request: (db) =>
				db.from('sdg_goals').select('number, name_sv, name_en, color_hex').order('number')
		},
		{
			name: 'memberships.members',
			pages: 'overview',
			request: (db) =>
				db
					.from('group_members')
					.select(
						'user_id, role, joined_at, profile:profiles(name, title, organization:organizations(name, slug))'
					)
					.eq('group_id', ids.busyId)
		},
		{
			name: 'experiences.listForGroup',
			pages: 'experiences',
			request: (db) =>
				db
					.from('experiences')
					.select(EXPERIENCE, { count: 'exact' })
					.eq('group_id', ids.busyId)
					.eq('status', 'published')
					.order('published_at', { ascending: false, nullsFirst: false })
					.order('updated_at', { ascending: false })
					.range(0, 29)
		},
		{
			name: 'discussions.listThreads',
			pages: 'discussions',
			request: (db) =>
				db
					.from('threads')
					.select(
						`id, title, pinned, created_at, last_activity_at, deleted_at, hidden_at, ${AUTHOR('threads')}, live:replies(count), answers:replies(id)`,
						{ count: 'exact' }
					)
					.eq('group_id', ids.busyId)
					.is('live.deleted_at', null)
					.eq('answers.is_answer', true)
					.is('answers.deleted_at', null)
					.order('pinned', { ascending: false })
					.order('last_activity_at', { ascending: false })
					.order('id')
					.range(0, 29)
		},
		{
			name: 'discussions.thread (replies)',
			pages: 'thread',
			request: (db) =>
				db
					.from('replies')
					.select(`${POST}, quoted_reply_id, is_answer, ${AUTHOR('replies')}`)
					.eq('thread_id', ids.threadId)
					.order('created_at')
					.order('id')
		}
	];
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

/** A supabase-js client for the bundled PostgREST, signed in as `userId`. */
export async function restClient(
	rest: { url: string; dataDir: string },
	userId: string
): Promise<SupabaseClient> {
	const { jwtSecret } = JSON.parse(await readFile(join(rest.dataDir, 'secrets.json'), 'utf8')) as {
		jwtSecret: string;
	};
	// supabase-js talks to /rest/v1; the bundled PostgREST serves at its root.
	return createClient(rest.url, 'bench', {
		global: { fetch: (input, init) => fetch(String(input).replace('/rest/v1', ''), init) },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		accessToken: () => signUserToken(jwtSecret, userId)
	});
}

/** Times and explains every query; slowest first. */
export async function explainQueries(
	sql: Sql,
	rest: { url: string; dataDir: string },
	ids: Ids
): Promise<QueryFigures[]> {
	const db = await restClient(rest, ids.annaId);
	await enablePlans(sql, db);
	const figures: QueryFigures[] = [];
	for (const query of queries(ids)) figures.push(await measureQuery(db, query));
	figures.sort((a, b) => b.medianMs - a.medianMs);
	for (const q of figures) {
		console.log(`    ${describeQuery(q)}`);
		for (const line of planExcerpt(q.plan)) console.log(`      | ${line}`);
	}
	return figures;
}
