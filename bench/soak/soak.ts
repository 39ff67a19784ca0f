// Soak: does Erfa's memory come back after a long mixed load? Erfa with the demo data (its
// inspector open on loopback, see inspector.ts), then SOAK_MINUTES (10) of ~50 HTTP connections
// on signed-in pages (several people, several pages) together with ~300 collaboration clients
// on a handful of documents making small edits, then an idle minute with every client gone.
// Prints the app process's RSS at the start (sessions and sockets made, after a forced garbage
// collection), at its peak, after the idle minute and after another forced collection, with the
// heap as the process counts it beside each, and the errors: HTTP responses other than 2xx/3xx,
// connection errors and timeouts, websocket refusals and closes, Erfa's logged warnings.
// SOAK_HEAP_DIR=<dir> also writes a heap snapshot at the start and after the idle minute.
import type { ChildProcess } from 'node:child_process';
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
import { Inspector, inspectOptions, type ProcessMemory } from '../shared/inspector.ts';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import { memory } from '../collab/measure.ts';
import { httpLoad, signedInRequests, type HttpFigures } from './http.ts';
import { startEditing, type EditingFigures } from './editing.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const idleSeconds = Number(process.env.SOAK_IDLE_SECONDS ?? 60);
const httpConnections = 50;
// SOAK_EDIT_MS spaces the edits out where the machine cannot keep up with one every 2 s each.
const shape = {
	documents: 6,
	perDocument: 50,
	editEveryMs: Number(process.env.SOAK_EDIT_MS ?? 2000)
};

interface Moment {
	rssMb: number;
	process: ProcessMemory;
}

interface SoakFigures {
	start: Moment;
	peakRssMb: number;
	endOfLoad: Moment;
	afterIdle: Moment;
	afterGc: Moment;
	http: HttpFigures;
	editing: EditingFigures;
	serverProblems: Record<string, number>;
	timeline: { second: number; rssMb: number }[];
}

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

async function soak(erfa: RunningErfa, inspector: Inspector) {
	const { origin } = erfa;
	const pid = erfa.child.pid!;
	const moment = async (): Promise<Moment> => ({
		rssMb: memory(pid)?.rssMb ?? NaN,
		process: await inspector.memory()
	});
	const { requests, skipped } = await signedInRequests(origin);
	const editing = await startEditing(erfa, shape);
	try {
		await inspector.collectGarbage();
		const start = await moment();
		await snapshot(inspector, 'start');
		const seconds = minutes * 60;
		console.log(`  start: ${describe(start)}; ${minutes} min of load…`);
		const run = { connections: httpConnections, seconds };
		// Sampled through the idle minute too: requests the load gave up on may still be running.
		const sampling = await sampled(pid, async () => {
			const [http, edits] = await Promise.all([
				httpLoad(origin, requests, run),
				editing.type(seconds)
			]);
			const endOfLoad = await moment();
			await editing.stop();
			console.log(`  end of load: ${describe(endOfLoad)}; idle ${idleSeconds} s…`);
			await sleep(idleSeconds * 1000);
			return { http, edits, endOfLoad, afterIdle: await moment() };
		});
		const { http, edits, endOfLoad, afterIdle } = sampling.value;
		await snapshot(inspector, 'after-idle');
		await inspector.collectGarbage();
		const afterGc = await moment();
		return {
			start,
			peakRssMb: Math.max(sampling.peakRssMb, endOfLoad.rssMb, afterIdle.rssMb),
			endOfLoad,
			afterIdle,
			afterGc,
			http: { ...http, skipped },
			editing: edits,
			timeline: sampling.timeline
		};
	} finally {
		await editing.close();
	}
}

async function snapshot(inspector: Inspector, label: string): Promise<void> {
	const dir = process.env.SOAK_HEAP_DIR;
	if (!dir) return;
	const file = join(dir, `soak-${label}-${Date.now()}.heapsnapshot`);
	await inspector.heapSnapshot(file);
	console.log(`  heap snapshot: ${file}`);
}

const mb = (value: number) => `${Math.round(value)} MB`;
const describe = (m: Moment) =>
	`RSS ${mb(m.rssMb)} (heap used ${mb(m.process.heapUsedMb)} of ${mb(m.process.heapTotalMb)}, ` +
	`external ${mb(m.process.externalMb)})`;

function summary(f: SoakFigures) {
	const h = f.http;
	const e = f.editing;
	return [
		{ figure: 'RSS at start', value: describe(f.start) },
		{ figure: 'RSS at peak', value: mb(f.peakRssMb) },
		{ figure: 'RSS at end of load', value: describe(f.endOfLoad) },
		{ figure: `RSS after ${idleSeconds} s idle`, value: describe(f.afterIdle) },
		{ figure: 'RSS after forced GC', value: describe(f.afterGc) },
		{
			figure: `HTTP, ${httpConnections} conn`,
			value:
				`${h.requests} requests (${Math.round(h.requestsPerSecond)}/s), ` +
				`non-2xx/3xx ${h.failedResponses}, errors ${h.errors} (timeouts ${h.timeouts})`
		},
		{
			figure: `collab, ${e.clients} clients`,
			value:
				`${e.edits} edits, delivered ${(e.delivered * 100).toFixed(1)} %, ` +
				`refused ${e.refused}, server closes ${e.serverCloses}`
		},
		{ figure: 'server warnings/errors', value: JSON.stringify(f.serverProblems) }
	];
}

async function run(): Promise<BenchResult> {
	const app = await appDir();
	const dataDir = benchDataDir('soak');
	const inspectPort = await freePort();
	try {
		const env = { NODE_OPTIONS: inspectOptions(inspectPort) };
		const erfa = await startErfa({ command: 'demo', appDir: app.dir, dataDir, env });
		const counted = countProblems(erfa.child);
		const inspector = await Inspector.connect(inspectPort);
		let figures: SoakFigures;
		try {
			figures = { ...(await soak(erfa, inspector)), serverProblems: counted };
		} catch (error) {
			throw withOutput(error, erfa);
		} finally {
			inspector.close();
			await stopErfa(erfa);
		}
		const rows = summary(figures);
		for (const row of rows) console.log(`  ${row.figure}: ${row.value}`);
		return { name: 'soak', summary: rows, details: { minutes, idleSeconds, shape, ...figures } };
	} finally {
		await Promise.all([removeDataDir(dataDir), app.remove()]);
	}
}

export const soakBenchmark: Benchmark = { name: 'soak', run };
