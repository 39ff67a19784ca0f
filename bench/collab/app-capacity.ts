// Capacity in the real app (issue 17): 1 000 collaboration connections over 100 documents held
// by the whole Erfa process — SvelteKit, the pages' code, the collaboration server, the
// database pools — against the reference server under the same load, each measured after a
// forced garbage collection (both run with the inspector open on loopback, so both pay for it).
// Interleaved (reference, Erfa, reference, Erfa, …) and repeated; the median ratio is the
// figure. Goal: Erfa's RSS ≤ 1.5 × the reference's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import { connect } from '../../src/lib/server/platform/services.ts';
import { appDir, type AppDir } from '../shared/app-dir.ts';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { root } from '../shared/benchmark.ts';
import { databaseUrl } from '../shared/database.ts';
import { benchDataDir, removeDataDir, startErfa, stopErfa } from '../shared/erfa.ts';
import { Inspector, inspectOptions, type ProcessMemory } from '../shared/inspector.ts';
import { median } from '../shared/stats.ts';
import { LoadGenerator } from './load.ts';
import { createDocuments, createEditors, editorsFor, seats } from './servers.ts';

const [documentCount, perDocument] = [100, 10];
const goalRatio = 1.5;
const repeats = Number(process.env.BENCH_REPEATS ?? 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Held {
	/** After start and a forced collection, before any connection. */
	idle: ProcessMemory;
	/** With every connection open and each document written to, after a forced collection. */
	loaded: ProcessMemory;
	failed: number;
}

interface Subject {
	url: string;
	inspector: Inspector;
	seated: ReturnType<typeof seats>;
	stop(): Promise<void>;
}

async function hold(subject: Subject, generator: LoadGenerator): Promise<Held> {
	try {
		await subject.inspector.collectGarbage();
		const idle = await subject.inspector.memory();
		const { failed } = await generator.connect(subject.url, subject.seated, 'provider', 'app', 50);
		await generator.write(200);
		await sleep(5000);
		await subject.inspector.collectGarbage();
		return { idle, loaded: await subject.inspector.memory(), failed };
	} finally {
		await generator.disconnect();
		subject.inspector.close();
		await subject.stop();
	}
}

async function erfaSubject(app: AppDir): Promise<Subject> {
	const dataDir = benchDataDir('app-capacity');
	const port = await freePort();
	const env = { NODE_OPTIONS: inspectOptions(port) };
	const erfa = await startErfa({ command: 'start', appDir: app.dir, dataDir, env });
	const sql = connect(await databaseUrl(dataDir, erfa.ports.postgres), 2);
	try {
		const editors = await createEditors(sql, editorsFor(documentCount, perDocument));
		const documents = await createDocuments(sql, documentCount, editors);
		const seated = seats(documents, perDocument, editors).map((s) => ({
			...s,
			origin: erfa.origin
		}));
		return {
			url: `${erfa.origin.replace(/^http/, 'ws')}/collab`,
			inspector: await Inspector.connect(port),
			seated,
			stop: async () => {
				await stopErfa(erfa);
				await removeDataDir(dataDir);
			}
		};
	} finally {
		await sql.end();
	}
}

/** @y/websocket-server's own bin, as its package declares it, memory only. */
async function referenceSubject(): Promise<Subject> {
	const [port, inspect] = [await freePort(), await freePort()];
	const packageDir = join(root, 'node_modules/@y/websocket-server');
	const bin = (
		JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
			bin: Record<string, string>;
		}
	).bin['y-websocket-server']!;
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
	for (const key of ['YPERSISTENCE', 'CALLBACK_URL', 'GC']) delete env[key];
	env.NODE_OPTIONS = inspectOptions(inspect);
	const child = spawn(process.execPath, [join(packageDir, bin)], { env, stdio: 'pipe' });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => chunk.includes('running at') && resolve());
		child.once('exit', (code) => reject(new Error(`reference exited (${code})`)));
	});
	const documents = Array.from({ length: documentCount }, (_, i) => `reference-${i}`);
	return {
		url: `ws://127.0.0.1:${port}/collab`,
		inspector: await Inspector.connect(inspect),
		seated: seats(documents, perDocument),
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		}
	};
}

const mb = (value: number) => `${Math.round(value)} MB`;
const describe = (h: Held) =>
	`RSS ${mb(h.loaded.rssMb)} (idle ${mb(h.idle.rssMb)}; heap ${mb(h.loaded.heapUsedMb)}, ` +
	`external ${mb(h.loaded.externalMb)}, other ${mb(h.loaded.rssMb - h.loaded.heapTotalMb - h.loaded.externalMb)})` +
	(h.failed ? `, ${h.failed} never synced` : '');

async function run(): Promise<BenchResult> {
	const total = documentCount * perDocument;
	console.log(`  ${total} connections over ${documentCount} documents, ${repeats} rounds`);
	const app = await appDir();
	const generator = new LoadGenerator(2);
	const rounds: { erfa: Held; reference: Held }[] = [];
	try {
		for (let round = 1; round <= repeats; round++) {
			const reference = await hold(await referenceSubject(), generator);
			const erfa = await hold(await erfaSubject(app), generator);
			console.log(`    round ${round}: Erfa ${describe(erfa)}; reference ${describe(reference)}`);
			rounds.push({ erfa, reference });
		}
	} finally {
		await generator.close();
		await app.remove();
	}
	const ratio = median(rounds.map((r) => r.erfa.loaded.rssMb / r.reference.loaded.rssMb));
	const idleRatio = median(rounds.map((r) => r.erfa.idle.rssMb / r.reference.idle.rssMb));
	const last = rounds.at(-1)!;
	return {
		name: 'collab-capacity-app',
		summary: [
			{ figure: `${total} connections: Erfa (whole app)`, value: describe(last.erfa) },
			{ figure: `${total} connections: reference`, value: describe(last.reference) },
			{
				figure: 'Erfa / reference, after forced GC (median)',
				value: `×${ratio.toFixed(2)} loaded, ×${idleRatio.toFixed(2)} idle`,
				target: `≤ ×${goalRatio}: ${ratio <= goalRatio ? 'met' : `not met (${mb(last.erfa.loaded.rssMb - goalRatio * last.reference.loaded.rssMb)} over)`}`
			}
		],
		details: { documentCount, perDocument, repeats, rounds }
	};
}

export const collabCapacityApp: Benchmark = { name: 'collab-capacity-app', run };
