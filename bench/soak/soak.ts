// Soak: does Erfa's memory come back after a long mixed load? Erfa with the demo data (its
// inspector open on loopback, see inspector.ts), then SOAK_MINUTES (10) of ~50 HTTP connections
// on signed-in pages (several people, several pages) together with ~300 collaboration clients
// on a handful of documents making small edits, in two halves: each ends with every client
// gone, an idle minute and a forced garbage collection. The first half is the warm-up (code
// compiled on first use, pools and caches filled); if nothing grows with time, the heap after
// the second half is where it was after the first. Prints the app process's RSS at the start,
// its peak, at the end of the load, after the idle minute and after the forced collection; the
// heap after collection at the start, after the warm-up and at the end; what grew in each half
// by constructor (heap snapshots compared by heap-diff.ts); and the errors: HTTP responses other
// than 2xx/3xx, connection errors and timeouts, websocket refusals and closes, Erfa's warnings.
// The snapshots go to SOAK_HEAP_DIR when it is set (for `node bench/soak/heap-diff.ts`), else
// to a temporary folder removed afterwards.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDir } from '../shared/app-dir.ts';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import {
	benchDataDir,
	removeDataDir,
	startErfa,
	stopErfa,
	withOutput,
	type RunningErfa
} from '../shared/erfa.ts';
import { Inspector, inspectOptions } from '../shared/inspector.ts';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import { memory } from '../collab/measure.ts';
import { describe, summary, type Moment, type Phase, type SoakFigures } from './figures.ts';
import { heapDiff } from './heap-diff.ts';
import { httpLoad, signedInRequests } from './http.ts';
import { startEditing, type Editing } from './editing.ts';
import { rssByKind } from './smaps.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const idleSeconds = Number(process.env.SOAK_IDLE_SECONDS ?? 60);
const httpConnections = 50;
// SOAK_EDIT_MS spaces the edits out where the machine cannot keep up with one every 2 s each.
const shape = {
	documents: 6,
	perDocument: 50,
	editEveryMs: Number(process.env.SOAK_EDIT_MS ?? 2000)
};

/** Erfa's warnings and errors by event, counted as they come (erfa.output keeps only the last). */
function countProblems(child: ChildProcess): Record<string, number> {
	const counts: Record<string, number> = {};
	const count = (chunk: Buffer) => {
		for (const line of chunk.toString().split('\n')) {
			if (!/"level":"(warn|error)"/.test(line)) continue;
			const event = /"event":"([^"]+)"/.exec(line)?.[1] ?? 'unparsed';
			counts[event] = (counts[event] ?? 0) + 1;
		}
	};
	child.stdout?.on('data', count);
	child.stderr?.on('data', count);
	return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS once a second while `during` runs: the peak and a coarse timeline. */
async function sampled<T>(pid: number, during: () => Promise<T>) {
	const timeline: { second: number; rssMb: number }[] = [];
	const started = performance.now();
	let peakRssMb = 0;
	const timer = setInterval(() => {
		const rssMb = memory(pid)?.rssMb ?? NaN;
		peakRssMb = Math.max(peakRssMb, rssMb);
		const second = Math.round((performance.now() - started) / 1000);
		if (second % 10 === 0) timeline.push({ second, rssMb: Math.round(rssMb) });
	}, 1000);
	try {
		return { value: await during(), peakRssMb, timeline };
	} finally {
		clearInterval(timer);
	}
}

interface Soaking {
	erfa: RunningErfa;
	inspector: Inspector;
	editing: Editing;
	requests: Awaited<ReturnType<typeof signedInRequests>>['requests'];
	/** Where the heap snapshots go. */
	heapDir: string;
}

async function moment(s: Soaking): Promise<Moment> {
	const pid = s.erfa.child.pid!;
	const process = await s.inspector.memory();
	return { rssMb: memory(pid)?.rssMb ?? NaN, process, rss: rssByKind(pid) };
}

/**
 * One half of the load, then every client leaves, the idle wait (requests the load gave up on
 * may still be running, documents unload) and a forced collection, then a heap snapshot.
 */
async function phase(s: Soaking, label: string, seconds: number): Promise<Phase> {
	const run = { connections: httpConnections, seconds };
	const [http, editing] = await Promise.all([
		httpLoad(s.erfa.origin, s.requests, run),
		s.editing.type(seconds)
	]);
	const endOfLoad = await moment(s);
	await s.editing.stop();
	console.log(`  ${label}, end of load: ${describe(endOfLoad)}; idle ${idleSeconds} s…`);
	await sleep(idleSeconds * 1000);
	const afterIdle = await moment(s);
	await s.inspector.collectGarbage();
	const afterGc = await moment(s);
	console.log(`  ${label}, after idle and GC: ${describe(afterGc)}`);
	await snapshot(s, label);
	return { http, editing, endOfLoad, afterIdle, afterGc };
}

async function snapshot(s: Soaking, label: string): Promise<string> {
	const file = join(s.heapDir, `soak-${label}.heapsnapshot`);
	await s.inspector.heapSnapshot(file);
	return file;
}

async function soak(erfa: RunningErfa, inspector: Inspector, heapDir: string) {
	const { requests, skipped } = await signedInRequests(erfa.origin);
	const editing = await startEditing(erfa, shape);
	const s: Soaking = { erfa, inspector, editing, requests, heapDir };
	try {
		await inspector.collectGarbage();
		const start = await moment(s);
		await snapshot(s, 'start');
		const half = (minutes * 60) / 2;
		console.log(`  start: ${describe(start)}; 2 × ${half / 60} min of load…`);
		const sampling = await sampled(erfa.child.pid!, async () => {
			const warm = await phase(s, 'warm-up', half);
			const refused = await editing.rejoin();
			if (refused) console.log(`  ${refused} clients did not sync again`);
			return { warm, end: await phase(s, 'end', half) };
		});
		const { peakRssMb, timeline } = sampling;
		return { start, ...sampling.value, skipped, peakRssMb, timeline };
	} finally {
		await editing.close();
	}
}

/** Heap snapshots are compared once Erfa has stopped: reading them takes a core and ~1 GB. */
function compare(heapDir: string) {
	const file = (label: string) => join(heapDir, `soak-${label}.heapsnapshot`);
	return {
		warmUp: heapDiff(file('start'), file('warm-up')),
		afterWarmUp: heapDiff(file('warm-up'), file('end'))
	};
}

async function run(): Promise<BenchResult> {
	const app = await appDir();
	const dataDir = benchDataDir('soak');
	const heapDir = process.env.SOAK_HEAP_DIR ?? mkdtempSync(join(tmpdir(), 'erfa-soak-'));
	const inspectPort = await freePort();
	try {
		const env = { NODE_OPTIONS: inspectOptions(inspectPort) };
		const erfa = await startErfa({ command: 'demo', appDir: app.dir, dataDir, env });
		const counted = countProblems(erfa.child);
		const inspector = await Inspector.connect(inspectPort);
		let measured: Awaited<ReturnType<typeof soak>>;
		try {
			measured = await soak(erfa, inspector, heapDir);
		} catch (error) {
			throw withOutput(error, erfa);
		} finally {
			inspector.close();
			await stopErfa(erfa);
		}
		const figures: SoakFigures = { ...measured, ...compare(heapDir), serverProblems: counted };
		const rows = summary(figures, { httpConnections, idleSeconds });
		for (const row of rows) console.log(`  ${row.figure}: ${row.value}`);
		return { name: 'soak', summary: rows, details: { minutes, idleSeconds, shape, ...figures } };
	} finally {
		if (!process.env.SOAK_HEAP_DIR) rmSync(heapDir, { recursive: true, force: true });
		await Promise.all([removeDataDir(dataDir), app.remove()]);
	}
}

export const soakBenchmark: Benchmark = { name: 'soak', run };
