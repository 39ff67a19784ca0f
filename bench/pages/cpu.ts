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

/** CPU (ms) used so far by `pid` and everything below it, reaped children included. */
function cpuMs(pid: number): number {
	let ticks = 0;
	for (const p of [pid, ...descendants(pid).map((d) => d.pid)]) {
		try {
			const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// utime, stime, cutime, cstime: fields 14–17, i.e. 11–14 after the command.
			ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
		} catch {
			// Ended between the listing and the read: its time is in its parent's cutime.
		}
	}
	return ticks * msPerTick;
}

/** CPU ms per request for `requests` requests at a few connections; throws on a non-200. */
async function perRequest(pid: number, url: string, cookie: string, amount = requests) {
	const before = cpuMs(pid);
	const run = await loadTest(url, { connections, seconds: 0, cookie, amount });
	const used = cpuMs(pid) - before;
	if (run.non2xx || run.errors)
		throw new Error(`${url}: ${run.non2xx} non-2xx, ${run.errors} errors`);
	return used / run.requests;
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
		medianRatio: NaN
	}));
	for (let round = 0; round < rounds; round++) {
		for (const r of results) {
			const f = await perRequest(pid, floor, cookie);
			const p = await perRequest(pid, origin + r.path, cookie);
			r.floorMs.push(f);
			r.pageMs.push(p);
			r.ratios.push(p / f);
		}
	}
	for (const r of results) {
		r.medianRatio = median(r.ratios);
		console.log(`  CPU ${r.label}: ${cpuLine(r)}`);
	}
	return results;
}

function cpuLine(r: CpuResult): string {
	return (
		`${median(r.pageMs).toFixed(1)} ms per request, floor ${median(r.floorMs).toFixed(1)} ms, ` +
		`× ${r.medianRatio.toFixed(2)} (median of ${r.ratios.length}: ${r.ratios.map((x) => x.toFixed(1)).join(' ')})`
	);
}

export function cpuRows(results: CpuResult[]): SummaryRow[] {
	return results.map((r) => ({
		figure: `CPU ${r.label}`,
		value: cpuLine(r).replace(/ \(median.*$/, ''),
		target: `≤ ${goal} × floor: ${r.medianRatio <= goal ? 'met' : `not met (× ${r.medianRatio.toFixed(2)})`}`
	}));
}
