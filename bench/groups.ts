// Erfa groups at volume: the demo dataset plus 50 groups, 10 000 experiences, 5 000 threads and
// 50 000 replies (groups-seed.ts), then server rendering of /groups and of the busy group's pages
// at 50 connections, signed in as Anna (a member of every group), and where the busy group's
// database time goes (groups-explain.ts). Target: p95 ≤ 80 ms on a 2-core machine.
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { describeQuery, explainQueries, type QueryFigures } from './groups-explain.ts';
import { busy, databaseUrl, member, seedVolume, volume, type Seeded } from './groups-seed.ts';
import { removeSnapshot, snapshotApp } from './snapshot.ts';
import {
	benchDataDir,
	loadTest,
	login,
	removeDataDir,
	startErfa,
	stopErfa,
	withOutput,
	type BenchResult,
	type Benchmark,
	type Latency,
	type LoadFigures,
	type RunningErfa,
	type SummaryRow
} from './support.ts';

const connections = 50;
// BENCH_DURATION (seconds) shortens the load while working on the benchmark; 10 s is the spec.
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = 2;
const aloneSeconds = Math.min(5, durationSeconds);
const target = 'p95 ≤ 80 ms';
// Other people's half-saved files can break the build or the start; they are usually fixed soon.
const startAttempts = 4;
const retrySeconds = 30;

interface Page {
	label: string;
	path: string;
	/** Text that only a real rendering of this page with the seeded data contains. */
	expect: string[];
}

interface PageResult {
	label: string;
	path: string;
	notMeasured?: string;
	underLoad?: LoadFigures;
	alone?: LoadFigures;
	loadavg: { before: number[]; after: number[] };
}

const load1 = () => loadavg().map((l) => Number(l.toFixed(2)));

function pages(s: Seeded): Page[] {
	const group = `/groups/${busy.slug}`;
	return [
		{ label: 'GET /groups', path: '/groups', expect: ['Anna Lind', busy.name] },
		{ label: 'GET busy group', path: group, expect: [busy.name, 'Anna Lind'] },
		{
			label: 'GET busy group experiences',
			path: `${group}/experiences`,
			expect: [s.newestExperience]
		},
		{ label: 'GET busy group discussions', path: `${group}/discussions`, expect: [s.firstThread] },
		{
			label: `GET busiest thread (${s.busiestThread.replies} replies)`,
			path: `${group}/discussions/${s.busiestThread.id}`,
			expect: [s.busiestThread.title]
		}
	];
}

/** Why the page cannot be measured (not written yet, an error page), or null. */
async function unfit(url: string, page: Page, cookie: string): Promise<string | null> {
	const response = await fetch(url, { redirect: 'manual', headers: { cookie } });
	const body = await response.text();
	if (response.status === 404) return 'HTTP 404 (the page does not exist yet?)';
	if (response.status !== 200)
		return `HTTP ${response.status} ${response.headers.get('location') ?? ''}`;
	const missing = page.expect.filter((text) => !body.includes(text));
	return missing.length ? `200 without ${missing.map((t) => `"${t}"`).join(', ')}` : null;
}

/** Closed connections leave their requests running; one request of its own waits them out. */
async function drain(url: string, cookie: string): Promise<void> {
	await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
}

async function measurePage(origin: string, page: Page, cookie: string): Promise<PageResult> {
	const url = origin + page.path;
	const before = load1();
	const notMeasured = await unfit(url, page, cookie);
	if (notMeasured) return { ...page, notMeasured, loadavg: { before, after: load1() } };
	await loadTest(url, { connections, seconds: warmupSeconds, cookie });
	await drain(url, cookie);
	const underLoad = await loadTest(url, { connections, seconds: durationSeconds, cookie });
	await drain(url, cookie);
	// At 50 closed-loop connections latency is mostly queueing; one connection shows the cost.
	const alone = await loadTest(url, { connections: 1, seconds: aloneSeconds, cookie });
	const loadavg = { before, after: load1() };
	return { label: page.label, path: page.path, underLoad, alone, loadavg };
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const latency = (f: LoadFigures) => {
	const l: Latency = f.latencyMs;
	if (!f.requests) return `no response completed (errors ${f.errors}, timeouts ${f.timeouts})`;
	return `p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)} ms`;
};

function loaded(r: PageResult): string {
	if (!r.underLoad) return `not measured: ${r.notMeasured}`;
	const f = r.underLoad;
	const trouble = f.errors + f.timeouts ? `  errors ${f.errors} (timeouts ${f.timeouts})` : '';
	return `${Math.round(f.requestsPerSecond)} req/s  ${latency(f)}  non-2xx ${f.non2xx}${trouble}`;
}

function rows(r: PageResult): SummaryRow[] {
	const first = { figure: `${r.label}, ${connections} conn`, value: loaded(r), target };
	if (!r.alone) return [first];
	return [first, { figure: `${r.label}, 1 conn`, value: latency(r.alone) }];
}

async function measurePages(erfa: RunningErfa, seeded: Seeded): Promise<PageResult[]> {
	const cookie = await login(erfa.origin, member.email, member.password);
	const results: PageResult[] = [];
	for (const page of pages(seeded)) {
		const r = await measurePage(erfa.origin, page, cookie);
		console.log(`  ${r.label}: ${loaded(r)}`);
		if (r.alone) console.log(`    at 1 connection: ${latency(r.alone)}`);
		console.log(`    load average ${r.loadavg.before.join(' ')} → ${r.loadavg.after.join(' ')}`);
		results.push(r);
	}
	return results;
}

async function startWithRetries(): Promise<{ appDir: string; erfa: RunningErfa }> {
	for (let attempt = 1; ; attempt++) {
		let appDir: string | null = null;
		const dataDir = benchDataDir('groups');
		try {
			appDir = await snapshotApp();
			return { appDir, erfa: await startErfa({ command: 'demo', appDir, dataDir }) };
		} catch (error) {
			await Promise.all([removeDataDir(dataDir), appDir ? removeSnapshot(appDir) : null]);
			if (attempt >= startAttempts) throw error;
			const why = String(error).split('\n').slice(0, 3).join(' / ');
			console.log(`  Erfa did not start (${why}); attempt ${attempt + 1} in ${retrySeconds} s`);
			await new Promise((r) => setTimeout(r, retrySeconds * 1000));
		}
	}
}

async function measure(erfa: RunningErfa) {
	const url = await databaseUrl(erfa.dataDir, erfa.ports.postgres);
	console.log(
		`  Erfa (demo data) ready on ${erfa.origin}; seeding the volume over ${erfa.ports.postgres}`
	);
	const seeded = await seedVolume(url);
	const c = seeded.counts;
	console.log(
		`  seeded in ${seeded.seconds.toFixed(1)} s (vacuum + analyze ${seeded.vacuumSeconds.toFixed(1)} s): ` +
			`${c.groups} groups, ${c.members} memberships, ${c.experiences} experiences ` +
			`(${c.busy_experiences} in ${busy.slug}, ${c.busy_members} members), ${c.threads} threads, ${c.replies} replies`
	);
	console.log(
		`  ${connections} connections, ${warmupSeconds} s warm-up, ${durationSeconds} s per page, ` +
			`then ${aloneSeconds} s at 1 connection; signed in as ${member.email}`
	);
	const results = await measurePages(erfa, seeded);
	console.log(
		'  database time of the busy group pages (PostgREST requests as Anna, slowest first):'
	);
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const ids = { ...seeded, busySlug: busy.slug, threadId: seeded.busiestThread.id };
		const queries = await explainQueries(
			sql,
			{ url: `http://127.0.0.1:${erfa.ports.rest}`, dataDir: erfa.dataDir },
			ids
		);
		return { seeded, results, queries };
	} finally {
		await sql.end({ timeout: 2 });
	}
}

function summarize(
	run: { seeded: Seeded; results: PageResult[]; queries: QueryFigures[] },
	leftovers: string[]
): BenchResult {
	const { seeded, results, queries } = run;
	const slowest = queries.slice(0, 3).map((q, i) => ({
		figure: `slowest REST query #${i + 1}`,
		value: describeQuery(q, 'short')
	}));
	return {
		name: 'groups',
		summary: [
			{
				figure: 'seeding (SQL + vacuum analyze)',
				value: `${seeded.seconds.toFixed(1)} s for ${volume.groups} groups, ${volume.experiences} experiences, ${volume.threads} threads, ${volume.replies} replies`
			},
			...results.flatMap(rows),
			...slowest,
			{
				figure: 'postgres/postgrest left running',
				value: leftovers.length ? leftovers.join('; ') : 'none'
			}
		],
		details: {
			connections,
			durationSeconds,
			warmupSeconds,
			aloneSeconds,
			volume,
			seeded,
			pages: results,
			queries
		}
	};
}

export const groups: Benchmark = {
	name: 'groups',
	async run() {
		const { appDir, erfa } = await startWithRetries();
		try {
			let run: Awaited<ReturnType<typeof measure>>;
			let leftovers: string[];
			try {
				run = await measure(erfa);
			} catch (error) {
				throw withOutput(error, erfa);
			} finally {
				leftovers = (await stopErfa(erfa)).leftovers;
			}
			return summarize(run, leftovers);
		} finally {
			await Promise.all([removeDataDir(erfa.dataDir), removeSnapshot(appDir)]);
		}
	}
};
