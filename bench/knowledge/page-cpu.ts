// Where a page's time goes end to end (issue 17, goal pages): CPU per request at one connection
// for each part of Erfa's process tree (node, PostgREST, PostgreSQL with its backends), read from
// Linux's /proc, beside the floor page (/privacy: the layout, the session and the header only).
// On a shared machine the wall-clock p95 includes waiting for a core; CPU per request does not,
// so this says which process a page's time is spent in, whatever the load.
import { readFileSync } from 'node:fs';
import type { SummaryRow } from '../shared/benchmark.ts';
import { loadTest } from '../shared/load.ts';
import { descendants } from '../shared/processes.ts';

export interface CpuShare {
	node: number;
	postgrest: number;
	postgres: number;
}

const requests = Number(process.env.BENCH_PAGE_CPU_REQUESTS ?? 100);
// Linux's USER_HZ.
const msPerTick = 10;
const floorPath = '/privacy';

/** utime, stime and the reaped children's cutime and cstime, in ms. */
function cpuMs(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * msPerTick;
	} catch {
		// Ended between the listing and the read: its time is in its parent's cutime.
		return 0;
	}
}

function kind(command: string): keyof CpuShare {
	if (/postgrest/i.test(command)) return 'postgrest';
	return /postgres/.test(command) ? 'postgres' : 'node';
}

function snapshot(root: number): CpuShare {
	const share: CpuShare = { node: cpuMs(root), postgrest: 0, postgres: 0 };
	for (const p of descendants(root)) share[kind(p.command)] += cpuMs(p.pid);
	return share;
}

/** CPU ms per request of `path` at one connection, per process. */
async function perRequest(root: number, url: string, cookie: string): Promise<CpuShare> {
	await loadTest(url, { connections: 1, seconds: 0, cookie, amount: 20 });
	const before = snapshot(root);
	const run = await loadTest(url, { connections: 1, seconds: 0, cookie, amount: requests });
	const after = snapshot(root);
	if (run.non2xx || run.errors)
		throw new Error(`${url}: ${run.non2xx} non-2xx, ${run.errors} errors`);
	return {
		node: (after.node - before.node) / run.requests,
		postgrest: (after.postgrest - before.postgrest) / run.requests,
		postgres: (after.postgres - before.postgres) / run.requests
	};
}

const line = (s: CpuShare) =>
	`node ${s.node.toFixed(1)}, PostgREST ${s.postgrest.toFixed(1)}, PostgreSQL ` +
	`${s.postgres.toFixed(1)} = ${(s.node + s.postgrest + s.postgres).toFixed(1)} ms`;

/** The page's CPU per request and the floor's, per process, as summary rows. */
export async function pageCpu(
	root: number,
	origin: string,
	path: string,
	cookie: string
): Promise<{ rows: SummaryRow[]; page: CpuShare; floor: CpuShare }> {
	const floor = await perRequest(root, origin + floorPath, cookie);
	const page = await perRequest(root, origin + path, cookie);
	console.log(`  CPU per request, 1 conn: ${path} ${line(page)}; ${floorPath} ${line(floor)}`);
	const rows = [
		{ figure: `CPU per request of ${path}, 1 conn`, value: line(page) },
		{ figure: `CPU per request of ${floorPath} (floor), 1 conn`, value: line(floor) }
	];
	return { rows, page, floor };
}
