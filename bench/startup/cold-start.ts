// Cold start: from spawning `node server/cli.ts start` to the first 200 from /healthz, on a fresh
// DATA_DIR (initdb, migrations, reference data) and again on the same one (everything reused).
// The build is made (if stale) and copied by shared/snapshot.ts beforehand, so no start
// includes it.
import { relative } from 'node:path';
import { root, type BenchResult, type Benchmark } from '../shared/benchmark.ts';
import {
	benchDataDir,
	removeDataDir,
	startErfa,
	stopErfa,
	type StopReport
} from '../shared/erfa.ts';
import { removeSnapshot, snapshotApp } from '../shared/snapshot.ts';
import { median } from '../shared/stats.ts';

// BENCH_REPEATS shortens or lengthens the series (e.g. 1 while working on the benchmark).
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const targets = { first: 15_000, second: 6_000 };

interface StartSample extends StopReport {
	readyMs: number;
}

interface Repeat {
	first: StartSample;
	second: StartSample;
}

async function timedStart(appDir: string, dataDir: string): Promise<StartSample> {
	const erfa = await startErfa({ command: 'start', appDir, dataDir });
	const stop = await stopErfa(erfa);
	return { readyMs: erfa.readyMs, ...stop };
}

function describe(label: string, sample: StartSample): string {
	const notes = [
		`stopped in ${seconds(sample.stopMs)}`,
		sample.exitCode === 0 ? '' : `exit code ${sample.exitCode}`,
		sample.killed ? 'had to be killed' : '',
		sample.leftovers.length ? `LEFT RUNNING: ${sample.leftovers.join('; ')}` : ''
	].filter(Boolean);
	return `    ${label}: ${seconds(sample.readyMs)} to healthy (${notes.join(', ')})`;
}

async function repeatOnce(appDir: string, index: number): Promise<Repeat> {
	const dataDir = benchDataDir('cold');
	try {
		console.log(`  run ${index + 1}/${repeats} (DATA_DIR ${relative(root, dataDir)})`);
		const first = await timedStart(appDir, dataDir);
		console.log(describe('first start ', first));
		const second = await timedStart(appDir, dataDir);
		console.log(describe('second start', second));
		return { first, second };
	} finally {
		await removeDataDir(dataDir);
	}
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(2)} s`;
}

function spread(samples: StartSample[]): { minMs: number; medianMs: number } {
	const times = samples.map((s) => s.readyMs);
	return { minMs: Math.min(...times), medianMs: median(times) };
}

function summarize(runs: Repeat[]): BenchResult {
	const first = spread(runs.map((r) => r.first));
	const second = spread(runs.map((r) => r.second));
	const all = runs.flatMap((r) => [r.first, r.second]);
	const leftovers = all.flatMap((s) => s.leftovers);
	const range = (s: typeof first) => `${seconds(s.minMs)} / ${seconds(s.medianMs)}`;
	return {
		name: 'cold-start',
		summary: [
			{
				figure: `first start, min / median of ${runs.length}`,
				value: range(first),
				target: '≤ 15 s'
			},
			{
				figure: `second start, min / median of ${runs.length}`,
				value: range(second),
				target: '≤ 6 s'
			},
			{
				figure: 'stop (SIGTERM to exit), median',
				value: seconds(median(all.map((s) => s.stopMs)))
			},
			{
				figure: 'postgres/postgrest left running',
				value: leftovers.length ? `${leftovers.length}: ${leftovers.join('; ')}` : 'none'
			}
		],
		details: { repeats: runs.length, targetsMs: targets, first, second, runs }
	};
}

export const coldStart: Benchmark = {
	name: 'cold-start',
	async run() {
		const appDir = await snapshotApp();
		const runs: Repeat[] = [];
		try {
			for (let i = 0; i < repeats; i++) runs.push(await repeatOnce(appDir, i));
		} finally {
			await removeSnapshot(appDir);
		}
		return summarize(runs);
	}
};
