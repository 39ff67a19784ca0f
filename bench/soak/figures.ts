// The soak's figures: what is measured at each moment, the two phases' load figures added up,
// and the summary lines run.ts prints.
import type { ProcessMemory } from '../shared/inspector.ts';
import type { SummaryRow } from '../shared/benchmark.ts';
import type { EditingFigures } from './editing.ts';
import { growthLine, type HeapDiff } from './heap-diff.ts';
import type { HttpFigures } from './http.ts';
import { describeRss, type RssByKind } from './smaps.ts';

export interface Moment {
	rssMb: number;
	process: ProcessMemory;
	rss: RssByKind;
}

/** One phase of load: its figures and the moments after it. */
export interface Phase {
	http: Omit<HttpFigures, 'skipped'>;
	editing: EditingFigures;
	endOfLoad: Moment;
	afterIdle: Moment;
	afterGc: Moment;
}

export interface SoakFigures {
	start: Moment;
	warm: Phase;
	end: Phase;
	peakRssMb: number;
	skipped: string[];
	/** Heap snapshot differences: start → after warm-up, after warm-up → end. */
	warmUp: HeapDiff;
	afterWarmUp: HeapDiff;
	serverProblems: Record<string, number>;
	timeline: { second: number; rssMb: number }[];
}

export function addHttp(a: Phase['http'], b: Phase['http']): Phase['http'] {
	const statusCodes = { ...a.statusCodes };
	for (const [code, n] of Object.entries(b.statusCodes)) {
		statusCodes[code] = (statusCodes[code] ?? 0) + n;
	}
	return {
		requests: a.requests + b.requests,
		requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2,
		statusCodes,
		failedResponses: a.failedResponses + b.failedResponses,
		errors: a.errors + b.errors,
		timeouts: a.timeouts + b.timeouts
	};
}

export function addEditing(a: EditingFigures, b: EditingFigures): EditingFigures {
	const edits = a.edits + b.edits;
	return {
		clients: a.clients,
		refused: a.refused + b.refused,
		edits,
		delivered: edits ? (a.delivered * a.edits + b.delivered * b.edits) / edits : NaN,
		serverCloses: a.serverCloses + b.serverCloses,
		latencyP95Ms: Math.max(a.latencyP95Ms, b.latencyP95Ms)
	};
}

const mb = (value: number) => `${Math.round(value)} MB`;
export const describe = (m: Moment) =>
	`RSS ${mb(m.rssMb)} (heap used ${mb(m.process.heapUsedMb)} of ${mb(m.process.heapTotalMb)}, ` +
	`external ${mb(m.process.externalMb)})`;
const heap = (d: HeapDiff) =>
	`${mb(d.beforeBytes / 2 ** 20)} → ${mb(d.afterBytes / 2 ** 20)} in the snapshots`;

export function summary(f: SoakFigures, shape: { httpConnections: number; idleSeconds: number }) {
	const h = addHttp(f.warm.http, f.end.http);
	const e = addEditing(f.warm.editing, f.end.editing);
	const [start, warm, end] = [f.start, f.warm.afterGc, f.end.afterGc].map((m) =>
		mb(m.process.heapUsedMb)
	);
	const rows: SummaryRow[] = [
		{ figure: 'RSS at start', value: describe(f.start) },
		{ figure: 'RSS at peak', value: mb(f.peakRssMb) },
		{ figure: 'RSS at end of load', value: describe(f.end.endOfLoad) },
		{ figure: `RSS after ${shape.idleSeconds} s idle`, value: describe(f.end.afterIdle) },
		{ figure: 'RSS after forced GC', value: describe(f.end.afterGc) },
		{ figure: 'RSS after warm-up and GC', value: describe(f.warm.afterGc) },
		{ figure: 'RSS by kind at start', value: describeRss(f.start.rss) },
		{ figure: 'RSS by kind at end, GC', value: describeRss(f.end.afterGc.rss) },
		{
			figure: 'heap after GC',
			value: `start ${start}, after warm-up ${warm}, end ${end}`,
			target: 'end ≈ warm-up'
		},
		{ figure: 'grew in warm-up', value: `${heap(f.warmUp)}: ${growthLine(f.warmUp)}` },
		{ figure: 'grew after warm-up', value: `${heap(f.afterWarmUp)}: ${growthLine(f.afterWarmUp)}` },
		{
			figure: `HTTP, ${shape.httpConnections} conn`,
			value:
				`${h.requests} requests (${Math.round(h.requestsPerSecond)}/s), ` +
				`non-2xx/3xx ${h.failedResponses}, errors ${h.errors} (timeouts ${h.timeouts})` +
				(f.skipped.length ? `, skipped ${f.skipped.join(', ')}` : '')
		},
		{
			figure: `collab, ${e.clients} clients`,
			value:
				`${e.edits} edits, delivered ${(e.delivered * 100).toFixed(1)} %, ` +
				`refused ${e.refused}, server closes ${e.serverCloses}`
		},
		{ figure: 'server warnings/errors', value: JSON.stringify(f.serverProblems) }
	];
	return rows;
}
