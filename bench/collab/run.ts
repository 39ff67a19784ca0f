// Measured stretches of typing (fanout.ts runs them) and their merging into one figure.
// Both servers run side by side with their clients connected, and take turns: one server's
// clients type for a slice while the other's sit idle, in the order A B B A repeated. On
// shared cores a neighbour's job starting or ending then weighs on both servers alike.
import type { ClientKind } from './client.ts';
import type { LoadGenerator, TypingResult } from './load.ts';
import type { Seat } from './protocol.ts';
import {
	cpuPressure,
	mb,
	memory,
	merge,
	meter,
	ms,
	percent,
	percentiles,
	postgresPids,
	saturation,
	type Histogram,
	type Usage
} from './measure.ts';
import { problems, type CollabServer } from './servers.ts';
import { median, percentile } from '../shared/stats.ts';

/** BENCH_QUICK=1 types for 5 s instead of the issue's 30 s (smoke runs while working on it). */
export const typingSeconds = process.env.BENCH_QUICK ? 5 : 30;
export const intervalMs = 200; // 5 characters a second
/** Lean clients by default (see client.ts); BENCH_CLIENTS=provider for y-websocket's. */
export const clientKind: ClientKind =
	process.env.BENCH_CLIENTS === 'provider' ? 'provider' : 'lean';
/** After connecting: the first sync and awareness messages settle before measuring. */
export const settleMs = 2000;

/** Typing before the measured slices, per server, not counted. */
export const warmupSeconds = 2;
/** Each server types this many slices; their typing adds up to `typingSeconds`. */
export const slices = process.env.BENCH_QUICK ? 2 : 6;

export interface Run {
	server: CollabServer['name'];
	connect?: { clients: number; failed: number; medianMs: number; p95Ms: number };
	clockTripMaxUs: number;
	typing: TypingResult;
	serverUsage: Usage;
	serverPeakMb: number;
	/** Erfa only: its PostgreSQL, which the reference does without. */
	postgresUsage?: Usage;
	serverProblems: Record<string, number>;
	/** Percent of the typing time in which some task on the machine waited for a core. */
	cpuStallPercent: number;
	/** Each slice's p99 (ms), to see how much they agree. */
	slicesP99?: number[];
	/** Each slice's saturation (measure.ts): why it cannot be judged, or null. */
	slicesInvalid?: (string | null)[];
}

/** One slice: `server`'s clients (connected as its name) type for `seconds`. */
export async function measureSlice(
	server: CollabServer,
	generator: LoadGenerator,
	seconds: number
): Promise<Run> {
	const clockTripMaxUs = await generator.checkClock();
	const serverMeter = meter(() => [server.pid]);
	const postgresMeter = server.name === 'Erfa' ? meter(postgresPids) : null;
	const stall = cpuPressure();
	const typing = await generator.type(server.name, seconds, intervalMs);
	const cpuStallPercent = stall();
	const [serverUsage, postgresUsage] = [serverMeter.stop(), postgresMeter?.stop()];
	return {
		server: server.name,
		clockTripMaxUs,
		typing,
		serverUsage,
		serverPeakMb: memory(server.pid)?.peakMb ?? NaN,
		postgresUsage,
		serverProblems: problems(server.output),
		cpuStallPercent
	};
}

/** Connects `server`'s seats; the connection times, summarized. */
export async function connectSeats(server: CollabServer, generator: LoadGenerator, seated: Seat[]) {
	const { connectMs, failed } = await generator.connect(
		server.url,
		seated,
		clientKind,
		server.name
	);
	return {
		clients: seated.length,
		failed,
		medianMs: median(connectMs),
		p95Ms: percentile(connectMs, 95)
	};
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Time-weighted CPU, the largest memory. */
function usage(parts: Usage[]): Usage {
	const seconds = sum(parts.map((u) => u.seconds));
	return {
		seconds,
		cpuPercent: sum(parts.map((u) => u.cpuPercent * u.seconds)) / seconds,
		rssMaxMb: Math.max(...parts.map((u) => u.rssMaxMb)),
		rssEndMb: parts.at(-1)!.rssEndMb
	};
}

/** One server's slices as one run: latencies pooled, CPU over the whole time. */
export function combine(parts: Run[]): Run {
	const histogram: Histogram = new Map();
	for (const p of parts) merge(histogram, p.typing.histogram ?? []);
	const latencyMs = percentiles(histogram);
	const expected = sum(parts.map((p) => p.typing.expected));
	const gen = parts.map((p) => p.typing.generator);
	const postgres = parts.flatMap((p) => (p.postgresUsage ? [p.postgresUsage] : []));
	const seconds = parts.map((p) => p.serverUsage.seconds);
	const last = parts.at(-1)!;
	const weighted = (values: number[]) => sum(values.map((v, i) => v * seconds[i]!)) / sum(seconds);
	return {
		...last,
		clockTripMaxUs: Math.max(...parts.map((p) => p.clockTripMaxUs)),
		typing: {
			latencyMs,
			edits: sum(parts.map((p) => p.typing.edits)),
			expected,
			delivered: latencyMs.samples / expected,
			ticks: weighted(parts.map((p) => p.typing.ticks)),
			serverCloses: Math.max(...parts.map((p) => p.typing.serverCloses)),
			generator: {
				cpuPercent: weighted(gen.map((g) => g.cpuPercent)),
				eventLoopDelayP99Ms: Math.max(...gen.map((g) => g.eventLoopDelayP99Ms)),
				rssMb: Math.max(...gen.map((g) => g.rssMb))
			}
		},
		serverUsage: usage(parts.map((p) => p.serverUsage)),
		serverPeakMb: Math.max(...parts.map((p) => p.serverPeakMb)),
		postgresUsage: postgres.length ? usage(postgres) : undefined,
		cpuStallPercent: weighted(parts.map((p) => p.cpuStallPercent)),
		slicesP99: parts.map((p) => p.typing.latencyMs.p99),
		slicesInvalid: parts.map((p) => saturation(p.typing))
	};
}

export function describeRun(run: Run): string {
	const t = run.typing;
	const l = t.latencyMs;
	const parts = [
		`p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)} ms`,
		`${(100 * t.delivered).toFixed(1)} % delivered, ${(100 * t.ticks).toFixed(1)} % of keystrokes sent on time`,
		`server CPU ${percent(run.serverUsage.cpuPercent)}, RSS ${mb(run.serverUsage.rssMaxMb)}`
	];
	if (run.postgresUsage) parts.push(`postgres CPU ${percent(run.postgresUsage.cpuPercent)}`);
	if (t.serverCloses) parts.push(`${t.serverCloses} connections closed by the server`);
	return parts.join('; ');
}

export const generatorLine = (run: Run) =>
	`${run.server} run: CPU ${percent(run.typing.generator.cpuPercent)}, event-loop delay p99 ` +
	`${ms(run.typing.generator.eventLoopDelayP99Ms)} ms, CPU stall ${percent(run.cpuStallPercent)}`;

/** One line per server once its slices are done. */
export function showRun(run: Run): void {
	const c = run.connect;
	const connected = c
		? `connect median ${ms(c.medianMs)} ms, p95 ${ms(c.p95Ms)} ms${c.failed ? `, ${c.failed} never synced` : ''}; `
		: '';
	// A slice whose generator fell behind is marked (*): its pair is left out of the ratio.
	const p99s = (run.slicesP99 ?? [])
		.map((p99, i) => `${ms(p99)}${run.slicesInvalid?.[i] ? '*' : ''}`)
		.join(' / ');
	console.log(`    ${run.server}: ${describeRun(run)}`);
	console.log(
		`      p99 by slice ${p99s} ms; ${connected}generator ${generatorLine(run)}; server peak RSS ${mb(run.serverPeakMb)}`
	);
}

/** The saved form: pooled latencies are summarized, the bins themselves dropped. */
export const withoutHistogram = (run: Run): Run => ({
	...run,
	typing: { ...run.typing, histogram: undefined }
});
