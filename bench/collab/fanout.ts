// Fan-out latency (issue 4): 10, 50 and 100 editors in one document, and 50 documents of 20
// editors, each typing 5 characters a second; the time from an edit to its arrival at every
// other client of its document, with the server's CPU and memory. The same load runs, in the
// same run, against the reference @y/websocket-server (memory only, no auth), and the ratio is
// printed: on 2 shared cores with the load generator on them too, the ratio is the fair figure.
import type { BenchResult, Benchmark, SummaryRow } from '../shared/benchmark.ts';
import { median } from '../shared/stats.ts';
import type { LoadGenerator } from './load.ts';
import { ms, saturation, verdict } from './measure.ts';
import {
	clientKind,
	combine,
	connectSeats,
	describeRun,
	generatorLine,
	intervalMs,
	measureSlice,
	settleMs,
	showRun,
	warmupSeconds,
	slices,
	typingSeconds,
	withoutHistogram,
	type Run
} from './run.ts';
import {
	createDocuments,
	editorsFor,
	seats,
	startErfa,
	startReference,
	withSetup,
	type CollabDatabase,
	type CollabServer,
	type Editor
} from './servers.ts';

const ratio = (a: number, b: number) => {
	const r = a / b;
	if (!Number.isFinite(r)) return '–';
	return `×${r.toFixed(r < 0.1 ? 3 : 2)}`;
};

/**
 * Erfa's p99 over the reference's, slice by slice: slice i of each ran next to the other's in
 * time (A B B A …), so each pair saw the same machine. A pair where either slice's generator
 * fell behind is left out; the median of the other pairs' ratios is judged against
 * `ratioTarget`, and "invalid" is printed when fewer than half of the pairs are left.
 */
export function pairedRatios(erfa: Run, reference: Run) {
	const pairs = (erfa.slicesP99 ?? []).map((p99, i) => ({
		ratio: p99 / (reference.slicesP99?.[i] ?? NaN),
		invalid: erfa.slicesInvalid?.[i] ?? reference.slicesInvalid?.[i] ?? null
	}));
	const valid = pairs.filter((pair) => !pair.invalid);
	const invalid = valid.length * 2 < pairs.length || !valid.length;
	return {
		pairs,
		median: valid.length ? median(valid.map((pair) => pair.ratio)) : NaN,
		/** Every pair's, left out or not: for reading a run on a busy machine, not judged. */
		medianOfAll: median(pairs.map((pair) => pair.ratio)),
		invalid: invalid ? (pairs.find((pair) => pair.invalid)?.invalid ?? 'invalid') : null
	};
}

function ratioRow(label: string, erfa: Run, reference: Run, ratioTarget: number): SummaryRow {
	const [e, f] = [erfa.typing.latencyMs, reference.typing.latencyMs];
	const paired = pairedRatios(erfa, reference);
	const each = paired.pairs.map((p) => `${ratio(p.ratio, 1)}${p.invalid ? ' (left out)' : ''}`);
	const cpu = ratio(erfa.serverUsage.cpuPercent, reference.serverUsage.cpuPercent);
	return {
		figure: `${label}: Erfa / reference`,
		value:
			`p99 median of paired slices ${ratio(paired.median, 1)} (${each.join(' ')}; ` +
			`all pairs' median ${ratio(paired.medianOfAll, 1)}); ` +
			`pooled p99 ${ratio(e.p99, f.p99)}, p50 ${ratio(e.p50, f.p50)}, p95 ${ratio(e.p95, f.p95)}; ` +
			`server CPU ${cpu}`,
		target: `p99 ratio ≤ ${ratioTarget}: ${paired.invalid ?? verdict(paired.median <= ratioTarget)}`
	};
}

/** Four summary rows for one load: each server, the ratio, the generator. */
export function loadRows(
	label: string,
	erfa: Run,
	reference: Run,
	p99Target?: number
): SummaryRow[] {
	const meets = (run: Run) => p99Target !== undefined && run.typing.latencyMs.p99 <= p99Target;
	const judged = (run: Run, other?: Run) =>
		saturation(run.typing) ??
		verdict(meets(run), other && meets(other), other && `${ms(other.typing.latencyMs.p99)} ms`);
	const target = (run: Run, other?: Run) =>
		p99Target === undefined ? undefined : `p99 ≤ ${p99Target} ms: ${judged(run, other)}`;
	return [
		{ figure: `${label}: Erfa`, value: describeRun(erfa), target: target(erfa, reference) },
		{ figure: `${label}: reference`, value: describeRun(reference), target: target(reference) },
		ratioRow(label, erfa, reference, 1.3),
		{
			figure: `${label}: generator, machine`,
			value: `${generatorLine(erfa)}; ${generatorLine(reference)}`
		}
	];
}

type Servers = Record<CollabServer['name'], CollabServer>;

/** A first slice each, not counted, then `slices` turns each in the order A B B A …. */
async function takeTurns(
	servers: Servers,
	generator: LoadGenerator,
	referenceFirst: boolean
): Promise<Record<keyof Servers, Run[]>> {
	// Not counted: code not yet optimised and the connections' garbage.
	for (const server of [servers.Erfa, servers.reference]) {
		await measureSlice(server, generator, warmupSeconds);
	}
	const parts: Record<keyof Servers, Run[]> = { Erfa: [], reference: [] };
	const [a, b] = referenceFirst
		? (['reference', 'Erfa'] as const)
		: (['Erfa', 'reference'] as const);
	const order = Array.from({ length: slices * 2 }, (_, i) => ([0, 3].includes(i % 4) ? a : b));
	for (const name of order) {
		parts[name].push(await measureSlice(servers[name], generator, typingSeconds / slices));
	}
	return parts;
}

async function startBoth(databaseUrl: string): Promise<Servers> {
	const erfa = await startErfa(databaseUrl);
	const reference = await startReference().catch(async (error: unknown) => {
		await erfa.stop();
		throw error;
	});
	return { Erfa: erfa, reference };
}

/**
 * One load on both servers, side by side: both started, both sets of clients connected (the
 * reference's documents carry a prefix, so the two never share one), then `slices` turns each
 * in the order A B B A …, where A alternates between loads.
 */
export async function bothServers(
	db: CollabDatabase,
	generator: LoadGenerator,
	load: { documents: number; editors: Editor[]; perDocument: number },
	referenceFirst: boolean
): Promise<{ erfa: Run; reference: Run }> {
	const documents = await createDocuments(db.sql, load.documents, load.editors);
	const servers = await startBoth(db.url);
	try {
		const connected = {
			Erfa: await connectSeats(
				servers.Erfa,
				generator,
				seats(documents, load.perDocument, load.editors)
			),
			reference: await connectSeats(
				servers.reference,
				generator,
				seats(
					documents.map((d) => `reference-${d}`),
					load.perDocument
				)
			)
		};
		await new Promise((resolve) => setTimeout(resolve, settleMs));
		const parts = await takeTurns(servers, generator, referenceFirst);
		const erfa = { ...combine(parts.Erfa), connect: connected.Erfa };
		const reference = { ...combine(parts.reference), connect: connected.reference };
		[erfa, reference].forEach(showRun);
		return { erfa: withoutHistogram(erfa), reference: withoutHistogram(reference) };
	} finally {
		await generator.disconnect();
		await Promise.all([servers.Erfa.stop(), servers.reference.stop()]);
	}
}

/** BENCH_EDITORS=100 (or 10,50): only those loads, while working on one. */
const sizes = process.env.BENCH_EDITORS?.split(',').map(Number) ?? [10, 50, 100];

export const collabFanout: Benchmark = {
	name: 'collab-fanout',
	async run(): Promise<BenchResult> {
		console.log(
			`  one document, ${sizes.join(' / ')} editors typing 5 characters/s for ${typingSeconds} s ` +
				`per server, in ${slices} slices taking turns (A B B A …) after a ${warmupSeconds} s warm-up; ` +
				`${clientKind} clients in 2 load-generator processes; the ratio judged is the median ` +
				`of the ${slices} paired slices' p99 ratios (* a slice whose generator fell behind)`
		);
		const runs = await withSetup('collab-fanout', Math.max(...sizes), async (db, editors, gen) => {
			const all: { editors: number; erfa: Run; reference: Run }[] = [];
			for (const [i, n] of sizes.entries()) {
				console.log(`  ${n} editors`);
				const load = { documents: 1, editors, perDocument: n };
				all.push({ editors: n, ...(await bothServers(db, gen, load, i % 2 === 1)) });
			}
			return all;
		});
		return {
			name: 'collab-fanout',
			summary: runs.flatMap((r) =>
				loadRows(`${r.editors} editors`, r.erfa, r.reference, r.editors === 50 ? 50 : undefined)
			),
			details: { clientKind, typingSeconds, slices, warmupSeconds, intervalMs, settleMs, runs }
		};
	}
};

export const collabMany: Benchmark = {
	name: 'collab-many',
	async run(): Promise<BenchResult> {
		const [documents, perDocument] = [50, 20];
		console.log(
			`  ${documents} documents × ${perDocument} editors, 5 updates/s each for ${typingSeconds} s ` +
				`per server, in ${slices} slices taking turns (A B B A …) after a ${warmupSeconds} s warm-up; ` +
				`${clientKind} clients in 2 load-generator processes`
		);
		const editorCount = editorsFor(documents, perDocument);
		const run = await withSetup('collab-many', editorCount, (db, editors, gen) =>
			bothServers(db, gen, { documents, editors, perDocument }, false)
		);
		return {
			name: 'collab-many',
			summary: loadRows(`${documents} docs × ${perDocument} editors`, run.erfa, run.reference, 25),
			details: {
				clientKind,
				typingSeconds,
				slices,
				warmupSeconds,
				intervalMs,
				settleMs,
				documents,
				perDocument,
				...run
			}
		};
	}
};
