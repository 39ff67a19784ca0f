// `npm run bench [-- <filter>]`: runs the foundation benchmarks one after the other (never in
// parallel: they share the machine's cores), prints a summary and keeps the figures as JSON.
// Figures only, no pass/fail: targets are printed next to them for the reader to judge.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { collabCapacity } from './collab-capacity.ts';
import { collabFanout, collabMany } from './collab-fanout.ts';
import { collabLarge } from './collab-large.ts';
import { coldStart } from './cold-start.ts';
import { groups } from './groups.ts';
import { knowledgeAgenda, knowledgeMap, knowledgeSearch } from './knowledge.ts';
import { ssr } from './ssr.ts';
import { root, type BenchResult, type Benchmark } from './support.ts';

const benchmarks: Benchmark[] = [
	coldStart,
	ssr,
	groups,
	knowledgeAgenda,
	knowledgeSearch,
	knowledgeMap,
	collabFanout,
	collabMany,
	collabCapacity,
	collabLarge
];

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
	const selected = benchmarks.filter((b) => !filter || b.name.includes(filter));
	if (!selected.length) {
		const known = benchmarks.map((b) => b.name).join(', ');
		console.error(`No benchmark matches "${filter}". Known: ${known}`);
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
