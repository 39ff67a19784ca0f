// Large document (issue 4): a 200-page document (≈ 500 000 characters) with a long edit history
// (history.ts), stored as the server stores edits (batches appended, then compacted).
// Measured: how long a new y-websocket client takes from connecting to synced, on a server that
// must first load the document from PostgreSQL (cold: nobody has it open) and on one that has it
// loaded (warm), before and after compaction; the size of the state the client receives and of
// the stored snapshot. The reference keeps documents in memory only: the same history is sent
// to it through a client first, and only its warm load exists.
import * as Y from 'yjs';
import * as store from '../../src/lib/server/documents/store.ts';
import { connect, type Client } from '../../src/lib/server/collab/testing/clients.ts';
import type { BenchResult, Benchmark, SummaryRow } from '../shared/benchmark.ts';
import { median } from '../shared/stats.ts';
import { buildHistory, characters, shape, type History } from './history.ts';
import { mb, memory, ms, verdict } from './measure.ts';
import {
	createDocuments,
	createEditors,
	startDatabase,
	startErfa,
	startReference,
	type CollabDatabase,
	type CollabServer
} from './servers.ts';

const targetMs = 1000;
const warmSamples = 3;
const coldSamples = 3;
const SYNC_TIMEOUT_MS = 60_000;

interface Load {
	ms: number;
	characters: number;
	stateBytes: number;
	client: Client;
}

/** A fresh client, from creating it to its first sync; checks it received the whole text. */
async function timedLoad(url: string, documentId: string, token: string | null): Promise<Load> {
	const started = performance.now();
	const client = connect(url, documentId, { token });
	let timer: ReturnType<typeof setTimeout> | undefined;
	const synced = await Promise.race([
		new Promise<true>((resolve) => client.provider.once('sync', () => resolve(true))),
		new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS)))
	]);
	clearTimeout(timer);
	const elapsed = performance.now() - started;
	if (!synced) {
		client.destroy();
		throw new Error(`no sync within ${SYNC_TIMEOUT_MS} ms (closes: ${client.closes.join(', ')})`);
	}
	const stateBytes = Y.encodeStateAsUpdate(client.doc).byteLength;
	return { ms: elapsed, characters: characters(client.doc), stateBytes, client };
}

interface Loads {
	server: CollabServer['name'];
	/** Erfa: the first document a just-started server loads (its code not yet optimised). */
	firstMs?: number;
	/** Erfa: documents nobody had open, on a server that has loaded one before. */
	coldMs?: number[];
	/** Another client of a document the server has loaded. */
	warmMs: number[];
	characters: number;
	stateBytes: number;
	serverRssMb: number;
}

/** `warmSamples` fresh clients of a document that `first` (still connected) has loaded. */
async function warmLoads(
	server: CollabServer,
	documentId: string,
	token: string | null,
	expected: number,
	first: Load
) {
	const open = [first.client];
	try {
		const warmMs: number[] = [];
		for (let i = 0; i < warmSamples; i++) {
			const load = await timedLoad(server.url, documentId, token);
			open.push(load.client);
			warmMs.push(load.ms);
			if (load.characters !== expected) throw new Error(`warm load got ${load.characters} chars`);
		}
		const serverRssMb = memory(server.pid)?.rssMb ?? NaN;
		return { warmMs, characters: first.characters, stateBytes: first.stateBytes, serverRssMb };
	} finally {
		open.forEach((c) => c.destroy());
	}
}

/** documents[0] first after the start, then each other one cold, then warm loads of the last. */
async function erfaLoads(
	databaseUrl: string,
	documents: string[],
	token: string,
	expected: number
): Promise<Loads> {
	const server = await startErfa(databaseUrl);
	try {
		const first = await timedLoad(server.url, documents[0]!, token);
		const coldMs: number[] = [];
		let last = first;
		for (const documentId of documents.slice(1)) {
			last.client.destroy();
			last = await timedLoad(server.url, documentId, token);
			if (last.characters !== expected) throw new Error(`cold load got ${last.characters} chars`);
			coldMs.push(last.ms);
		}
		const warm = await warmLoads(server, documents.at(-1)!, token, expected, last);
		return { server: server.name, firstMs: first.ms, coldMs, ...warm };
	} finally {
		await server.stop();
	}
}

/** The history sent through one client, then a fresh client each time until one has it all. */
async function referenceLoads(history: History): Promise<Loads> {
	const server = await startReference();
	const documentId = 'large-document';
	const loader = await timedLoad(server.url, documentId, null);
	try {
		Y.applyUpdate(loader.client.doc, history.state);
		const deadline = performance.now() + SYNC_TIMEOUT_MS;
		for (;;) {
			const probe = await timedLoad(server.url, documentId, null);
			if (probe.characters === history.characters) {
				const warm = await warmLoads(server, documentId, null, history.characters, probe);
				return { server: server.name, ...warm };
			}
			probe.client.destroy();
			if (performance.now() > deadline) throw new Error('the reference never had the history');
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	} finally {
		loader.client.destroy();
		await server.stop();
	}
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const warm = (l: Loads) => `warm ${ms(median(l.warmMs))} ms`;
const erfa = (l: Loads) =>
	`cold ${ms(median(l.coldMs!))} ms (median of ${l.coldMs!.length}), ${warm(l)}, ` +
	`first after start ${ms(l.firstMs!)} ms`;

/** `coldSamples` + 1 identical documents: one to load first, the others to load cold. */
async function storeCopies(db: CollabDatabase, history: History) {
	const editors = await createEditors(db.sql, 1);
	const documents = await createDocuments(db.sql, coldSamples + 1, editors);
	for (const id of documents) for (const b of history.batches) await store.append(db.sql, id, b);
	return { documents, token: editors[0]!.token };
}

async function measure(history: History) {
	const db = await startDatabase('collab-large');
	try {
		const { documents, token } = await storeCopies(db, history);
		const uncompacted = await erfaLoads(db.url, documents, token, history.characters);
		console.log(`    Erfa, ${history.batches.length} updates appended: ${erfa(uncompacted)}`);
		const compactStarted = performance.now();
		for (const id of documents) await store.compact(db.sql, id);
		const compactMs = (performance.now() - compactStarted) / documents.length;
		const [row] = await db.sql<{ bytes: number }[]>`select octet_length(state) as bytes
			from erfa_private.document_states where document_id = ${documents[0]!}`;
		const snapshotBytes = Number(row?.bytes);
		const compacted = await erfaLoads(db.url, documents, token, history.characters);
		console.log(`    Erfa, compacted: ${erfa(compacted)}; snapshot ${kb(snapshotBytes)}`);
		const reference = await referenceLoads(history);
		console.log(`    reference (memory only): ${warm(reference)}`);
		return { uncompacted, compacted, reference, snapshotBytes, compactMs };
	} finally {
		await db.stop();
	}
}

type Measured = Awaited<ReturnType<typeof measure>>;

function summary(history: History, r: Measured, appendedBytes: number): SummaryRow[] {
	const chars = `${history.characters} chars`;
	const [cold, warmErfa, warmReference] = [
		median(r.compacted.coldMs!),
		median(r.compacted.warmMs),
		median(r.reference.warmMs)
	];
	return [
		{
			figure: `${chars}, compacted: Erfa load`,
			value: `${erfa(r.compacted)}; server RSS ${mb(r.compacted.serverRssMb)}`,
			target: `cold ≤ ${targetMs} ms: ${verdict(cold <= targetMs)}`
		},
		{
			figure: `${chars}, ${history.batches.length} updates appended: Erfa load`,
			value: erfa(r.uncompacted)
		},
		{
			figure: `${chars}: reference load`,
			value: `${warm(r.reference)} (memory only); server RSS ${mb(r.reference.serverRssMb)}`,
			target: `≤ ${targetMs} ms: ${verdict(warmReference <= targetMs)}`
		},
		{
			figure: 'large document: Erfa / reference',
			value: `warm load ×${(warmErfa / warmReference).toFixed(2)}, Erfa cold / reference ×${(cold / warmReference).toFixed(2)}`
		},
		{
			figure: 'large document: sizes',
			value:
				`snapshot ${kb(r.snapshotBytes)} after compaction (${ms(r.compactMs)} ms), ` +
				`${kb(appendedBytes)} as ${history.batches.length} appended updates; ` +
				`state a client receives ${kb(r.compacted.stateBytes)} (reference ${kb(r.reference.stateBytes)})`
		}
	];
}

export const collabLarge: Benchmark = {
	name: 'collab-large',
	async run(): Promise<BenchResult> {
		const history = buildHistory();
		const appendedBytes = history.batches.reduce((n, b) => n + b.byteLength, 0);
		console.log(
			`  ${history.characters} characters in ${history.paragraphs} paragraphs from ${shape.edits} edits by ` +
				`${shape.authors} authors (built in ${history.buildSeconds.toFixed(1)} s); ` +
				`${history.batches.length} batches, ${kb(appendedBytes)} appended`
		);
		const r = await measure(history);
		return {
			name: 'collab-large',
			summary: summary(history, r, appendedBytes),
			details: {
				shape,
				targetMs,
				coldSamples,
				warmSamples,
				appendedBytes,
				...r,
				characters: history.characters
			}
		};
	}
};
