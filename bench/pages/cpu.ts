// CPU per request of the main pages against the static floor (issue 17: ≤ 3 × the floor). CPU is
// read from Linux's /proc for Erfa's whole process tree (node, PostgREST, PostgreSQL and its
// backends, exited ones through their parent's cutime), so the other work on a shared machine
// does not count, only its cache effects do. The floor is a page without data of its own
// (/privacy: the layout, the session, the header) with the same cookie. Each page is measured
// right after a floor run, round after round, and the median of the rounds' ratios is printed.
import { readFileSync } from 'node:fs';
import type { SummaryRow } from '../shared/benchmark.ts';
import { loadTest } from '../shared/load.ts';
import { descendants } from '../shared/processes.ts';

export interface CpuPage {
	label: string;
	path: string;
}

const requests = Number(process.env.BENCH_CPU_REQUESTS ?? 200);
const rounds = Number(process.env.BENCH_CPU_ROUNDS ?? 5);
const connections = 4;
// Linux's USER_HZ, 100 on every platform Node supports.
const msPerTick = 10;
const goal = 3;
export const floorPath = '/privacy';

/** Where a request's CPU goes: Erfa's node process, PostgREST, PostgreSQL (postmaster, backends). */
export interface CpuParts {
	node: number;
	rest: number;
	db: number;
}

const partOf = (command: string): keyof CpuParts =>
	/postgrest/i.test(command) ? 'rest' : /\bpostgres\b|postmaster/.test(command) ? 'db' : 'node';

/** CPU (ms) used so far by `pid` and everything below it, reaped children included, by part. */
function cpuMs(pid: number): CpuParts {
	const parts: CpuParts = { node: 0, rest: 0, db: 0 };
	for (const p of [{ pid, command: 'node' }, ...descendants(pid)]) {
		try {
			const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// utime, stime, cutime, cstime: fields 14–17, i.e. 11–14 after the command. A
			// reaped child's time is in its parent's cutime: a backend's in the postmaster's.
			const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
			parts[partOf(p.command)] += ticks * msPerTick;
		} catch {
			// Ended between the listing and the read: its time is in its parent's cutime.
		}
	}
	return parts;
}

const total = (c: CpuParts) => c.node + c.rest + c.db;

/** CPU ms per request (in all and by part) for `requests` requests at a few connections; throws
 * on a non-200. */
async function perRequest(pid: number, url: string, cookie: string, amount = requests) {
	const before = cpuMs(pid);
	const run = await loadTest(url, { connections, seconds: 0, cookie, amount });
	const after = cpuMs(pid);
	if (run.non2xx || run.errors)
		throw new Error(`${url}: ${run.non2xx} non-2xx, ${run.errors} errors`);
	const each = (k: keyof CpuParts) => (after[k] - before[k]) / run.requests;
	const parts: CpuParts = { node: each('node'), rest: each('rest'), db: each('db') };
	return { ms: total(parts), parts };
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface CpuResult {
	label: string;
	path: string;
	pageMs: number[];
	floorMs: number[];
	ratios: number[];
	medianRatio: number;
	/** Per request, summed over the rounds' requests then divided: the page's and the floor's. */
	pageParts: CpuParts;
	floorParts: CpuParts;
}

function addParts(sum: CpuParts, round: CpuParts, rounds: number) {
	for (const k of ['node', 'rest', 'db'] as const) sum[k] += round[k] / rounds;
}

export async function measureCpu(
	pid: number,
	origin: string,
	pages: CpuPage[],
	cookie: string
): Promise<CpuResult[]> {
	const floor = origin + floorPath;
	for (const url of [floor, ...pages.map((p) => origin + p.path)]) {
		await perRequest(pid, url, cookie, 50);
	}
	const results: CpuResult[] = pages.map((p) => ({
		...p,
		pageMs: [],
		floorMs: [],
		ratios: [],
		medianRatio: NaN,
		pageParts: { node: 0, rest: 0, db: 0 },
		floorParts: { node: 0, rest: 0, db: 0 }
	}));
	for (let round = 0; round < rounds; round++) {
		for (const r of results) {
			const f = await perRequest(pid, floor, cookie);
			const p = await perRequest(pid, origin + r.path, cookie);
			r.floorMs.push(f.ms);
			r.pageMs.push(p.ms);
			r.ratios.push(p.ms / f.ms);
			addParts(r.floorParts, f.parts, rounds);
			addParts(r.pageParts, p.parts, rounds);
		}
	}
	for (const r of results) {
		r.medianRatio = median(r.ratios);
		console.log(`  CPU ${r.label}: ${cpuLine(r)}\n    ${partsLine(r)}`);
	}
	return results;
}

/** Where the time goes: each part's ms per request, and the page's excess over the floor in it. */
function partsLine(r: CpuResult): string {
	const names = { node: 'node', rest: 'PostgREST', db: 'PostgreSQL' } as const;
	return (['node', 'rest', 'db'] as const)
		.map((k) => {
			const over = r.pageParts[k] - r.floorParts[k];
			return `${names[k]} ${r.pageParts[k].toFixed(1)} (${over >= 0 ? '+' : ''}${over.toFixed(1)})`;
		})
		.join(', ');
}

function cpuLine(r: CpuResult): string {
	return (
		`${median(r.pageMs).toFixed(1)} ms per request, floor ${median(r.floorMs).toFixed(1)} ms, ` +
		`× ${r.medianRatio.toFixed(2)} (median of ${r.ratios.length}: ${r.ratios.map((x) => x.toFixed(1)).join(' ')})`
	);
}

export function cpuRows(results: CpuResult[]): SummaryRow[] {
	return results.flatMap((r) => [
		{
			figure: `CPU ${r.label}`,
			value: cpuLine(r).replace(/ \(median.*$/, ''),
			target: `≤ ${goal} × floor: ${r.medianRatio <= goal ? 'met' : `not met (× ${r.medianRatio.toFixed(2)})`}`
		},
		{
			figure: `CPU ${r.label}, where it goes (ms a request; over the floor)`,
			value: partsLine(r)
		}
	]);
}
