// Capacity (issue 4): 1 000 connections over 100 documents on one server process, and the
// memory that takes. The clients are y-websocket's own provider (idle connections cost the
// generator little); each writes a line once all are in, so every document holds some text and
// every client has received its document's edits. Same load on the reference, in the same run.
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { median, percentile } from '../shared/stats.ts';
import type { ClientKind } from './client.ts';
import type { LoadGenerator } from './load.ts';
import { cpuPressure, mb, memory, ms, percent, verdict } from './measure.ts';
import {
	createDocuments,
	editorsFor,
	problems,
	seats,
	startErfa,
	startReference,
	withSetup,
	type CollabServer
} from './servers.ts';

const [documentCount, perDocument] = [100, 10];
const targetMb = 600;
const client: ClientKind = 'provider';
const lineChars = 200;
/** After the last write: updates and awareness delivered, the collector has had a moment. */
const settleMs = 5000;

interface CapacityRun {
	server: CollabServer['name'];
	idleMb: number;
	connectSeconds: number;
	connect: { failed: number; medianMs: number; p95Ms: number };
	rssMb: number;
	peakMb: number;
	perConnectionKb: number;
	serverCloses: number;
	serverProblems: Record<string, number>;
	cpuStallPercent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fill(
	server: CollabServer,
	generator: LoadGenerator,
	seated: ReturnType<typeof seats>
): Promise<CapacityRun> {
	try {
		await sleep(1000);
		const idleMb = memory(server.pid)?.rssMb ?? NaN;
		const stall = cpuPressure();
		const started = performance.now();
		const { connectMs, failed } = await generator.connect(
			server.url,
			seated,
			client,
			server.name,
			50
		);
		const connectSeconds = (performance.now() - started) / 1000;
		await generator.write(lineChars);
		await sleep(settleMs);
		const now = memory(server.pid);
		const rssMb = now?.rssMb ?? NaN;
		return {
			server: server.name,
			idleMb,
			connectSeconds,
			connect: { failed, medianMs: median(connectMs), p95Ms: percentile(connectMs, 95) },
			rssMb,
			peakMb: now?.peakMb ?? NaN,
			perConnectionKb: ((rssMb - idleMb) * 1024) / seated.length,
			serverCloses: await generator.closes(),
			serverProblems: problems(server.output),
			cpuStallPercent: stall()
		};
	} finally {
		await generator.disconnect();
		await server.stop();
	}
}

function describe(run: CapacityRun): string {
	const failed = run.connect.failed ? `, ${run.connect.failed} never synced` : '';
	const closes = run.serverCloses ? `, ${run.serverCloses} closed by the server` : '';
	return (
		`RSS ${mb(run.rssMb)} (idle ${mb(run.idleMb)}, ≈ ${run.perConnectionKb.toFixed(0)} KB a connection, ` +
		`peak ${mb(run.peakMb)}); all connected in ${run.connectSeconds.toFixed(1)} s${failed}${closes}`
	);
}

export const collabCapacity: Benchmark = {
	name: 'collab-capacity',
	async run(): Promise<BenchResult> {
		const total = documentCount * perDocument;
		console.log(
			`  ${total} connections over ${documentCount} documents (${client} clients, 50 at a time per generator process)`
		);
		const editorCount = editorsFor(documentCount, perDocument);
		const runs = await withSetup('collab-capacity', editorCount, async (db, editors, gen) => {
			const documents = await createDocuments(db.sql, documentCount, editors);
			const erfa = await fill(await startErfa(db.url), gen, seats(documents, perDocument, editors));
			console.log(`    Erfa: ${describe(erfa)}`);
			const reference = await fill(await startReference(), gen, seats(documents, perDocument));
			console.log(`    reference: ${describe(reference)}`);
			return { erfa, reference };
		});
		const { erfa, reference } = runs;
		const met = (run: CapacityRun) => run.rssMb <= targetMb;
		const label = `${total} connections / ${documentCount} docs`;
		return {
			name: 'collab-capacity',
			summary: [
				{
					figure: `${label}: Erfa`,
					value: describe(erfa),
					target: `≤ ${targetMb} MB: ${verdict(met(erfa), met(reference), mb(reference.rssMb))}`
				},
				{
					figure: `${label}: reference`,
					value: describe(reference),
					target: `≤ ${targetMb} MB: ${verdict(met(reference))}`
				},
				{
					figure: `${label}: Erfa / reference`,
					value:
						`RSS ×${(erfa.rssMb / reference.rssMb).toFixed(2)}; connect median ` +
						`${ms(erfa.connect.medianMs)} vs ${ms(reference.connect.medianMs)} ms; ` +
						`CPU stall ${percent(erfa.cpuStallPercent)} / ${percent(reference.cpuStallPercent)}`
				}
			],
			details: { documentCount, perDocument, client, lineChars, settleMs, erfa, reference }
		};
	}
};
