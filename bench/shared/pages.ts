// Server rendering of pages under load, shared by the volume benchmarks (groups, knowledge-*):
// starting Erfa from a snapshot (with retries), checking that a page really renders the seeded
// data, then autocannon at 50 connections and at one, with the load average around each page.
import { loadavg } from 'node:os';
import type { SummaryRow } from './benchmark.ts';
import {
	benchDataDir,
	removeDataDir,
	startErfa,
	type RunningErfa,
	type StartOptions
} from './erfa.ts';
import { loadTest, type LoadFigures } from './load.ts';
import { removeSnapshot, snapshotApp } from './snapshot.ts';
import type { Latency } from './stats.ts';

export const connections = 50;
// BENCH_DURATION (seconds) shortens the load while working on a benchmark; 10 s is the spec.
export const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
export const warmupSeconds = 2;
export const aloneSeconds = Math.min(5, durationSeconds);
// Other people's half-saved files can break the build or the start; they are usually fixed soon.
const startAttempts = 4;
const retrySeconds = 30;

export interface Page {
	label: string;
	path: string;
	/** Text that only a real rendering of this page with the seeded data contains. */
	expect: string[];
}

export interface PageResult {
	label: string;
	path: string;
	notMeasured?: string;
	underLoad?: LoadFigures;
	alone?: LoadFigures;
	loadavg: { before: number[]; after: number[] };
}

export const load1 = () => loadavg().map((l) => Number(l.toFixed(2)));

/** Why the page cannot be measured (not written yet, an error page), or null. */
export async function unfit(url: string, page: Page, cookie: string): Promise<string | null> {
	const response = await fetch(url, { redirect: 'manual', headers: { cookie } });
	const body = await response.text();
	if (response.status === 404) return 'HTTP 404 (the page does not exist yet?)';
	if (response.status !== 200)
		return `HTTP ${response.status} ${response.headers.get('location') ?? ''}`;
	const missing = page.expect.filter((text) => !body.includes(text));
	return missing.length ? `200 without ${missing.map((t) => `"${t}"`).join(', ')}` : null;
}

/** Closed connections leave their requests running; one request of its own waits them out. */
export async function drain(url: string, cookie: string): Promise<void> {
	await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
}

/** `settle`, when given, also waits after each phase, e.g. for the database to finish the queries
 * of requests whose connections autocannon closed (drain() waits for one request only). */
export async function measurePage(
	origin: string,
	page: Page,
	cookie: string,
	settle: () => Promise<void> = async () => {}
): Promise<PageResult> {
	const url = origin + page.path;
	const before = load1();
	const notMeasured = await unfit(url, page, cookie);
	if (notMeasured) return { ...page, notMeasured, loadavg: { before, after: load1() } };
	const quiet = () => drain(url, cookie).then(settle);
	await loadTest(url, { connections, seconds: warmupSeconds, cookie });
	await quiet();
	const underLoad = await loadTest(url, { connections, seconds: durationSeconds, cookie });
	await quiet();
	// At 50 closed-loop connections latency is mostly queueing; one connection shows the cost.
	const alone = await loadTest(url, { connections: 1, seconds: aloneSeconds, cookie });
	await settle();
	const loadavg = { before, after: load1() };
	return { label: page.label, path: page.path, underLoad, alone, loadavg };
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export const latency = (f: LoadFigures) => {
	const l: Latency = f.latencyMs;
	if (!f.requests) return `no response completed (errors ${f.errors}, timeouts ${f.timeouts})`;
	return `p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)} ms`;
};

export function loaded(f: LoadFigures | undefined, notMeasured?: string): string {
	if (!f) return `not measured: ${notMeasured}`;
	const trouble = f.errors + f.timeouts ? `  errors ${f.errors} (timeouts ${f.timeouts})` : '';
	return `${Math.round(f.requestsPerSecond)} req/s  ${latency(f)}  non-2xx ${f.non2xx}${trouble}`;
}

/** A p95 target, and whether a figure meets it: printed beside the figure, never a failure. */
export interface Target {
	p95Ms: number;
}

export function verdict(p95: number, target: Target): string {
	const label = `p95 ≤ ${target.p95Ms} ms`;
	if (!Number.isFinite(p95)) return `${label}: not measured`;
	if (p95 <= target.p95Ms) return `${label}: met`;
	return `${label}: not met (+${ms(p95 - target.p95Ms)} ms)`;
}

/** The summary rows of a page: at 50 connections and alone; with `judge`, met or not met. */
export function rows(r: PageResult, target: Target, judge = false): SummaryRow[] {
	const plain = `p95 ≤ ${target.p95Ms} ms`;
	const beside = (f: LoadFigures | undefined) =>
		judge ? verdict(f?.requests ? f.latencyMs.p95 : NaN, target) : plain;
	const first = {
		figure: `${r.label}, ${connections} conn`,
		value: loaded(r.underLoad, r.notMeasured),
		target: beside(r.underLoad)
	};
	if (!r.alone) return [first];
	const alone = { figure: `${r.label}, 1 conn`, value: latency(r.alone) };
	return [first, judge ? { ...alone, target: beside(r.alone) } : alone];
}

/** Measures the pages one after the other, printing each as it is done. */
export async function measurePages(
	origin: string,
	pages: Page[],
	cookie: string,
	settle?: () => Promise<void>
): Promise<PageResult[]> {
	const results: PageResult[] = [];
	for (const page of pages) {
		const r = await measurePage(origin, page, cookie, settle);
		console.log(`  ${r.label}: ${loaded(r.underLoad, r.notMeasured)}`);
		if (r.alone) console.log(`    at 1 connection: ${latency(r.alone)}`);
		console.log(`    load average ${r.loadavg.before.join(' ')} → ${r.loadavg.after.join(' ')}`);
		results.push(r);
	}
	return results;
}

/**
 * A snapshot of the working tree and Erfa started from it, retried while the tree does not
 * build or start. `prepare` gives the data directory for an attempt (a fresh one by default);
 * it is removed when that attempt fails.
 */
export async function startWithRetries(
	label: string,
	command: StartOptions['command'],
	prepare: () => Promise<string> = async () => benchDataDir(label)
): Promise<{ appDir: string; erfa: RunningErfa }> {
	for (let attempt = 1; ; attempt++) {
		let appDir: string | null = null;
		let dataDir: string | null = null;
		try {
			appDir = await snapshotApp();
			dataDir = await prepare();
			return { appDir, erfa: await startErfa({ command, appDir, dataDir }) };
		} catch (error) {
			await Promise.all([
				dataDir ? removeDataDir(dataDir) : null,
				appDir ? removeSnapshot(appDir) : null
			]);
			if (attempt >= startAttempts) throw error;
			const why = String(error).split('\n').slice(0, 3).join(' / ');
			console.log(`  Erfa did not start (${why}); attempt ${attempt + 1} in ${retrySeconds} s`);
			await new Promise((r) => setTimeout(r, retrySeconds * 1000));
		}
	}
}
