// Measuring for the collaboration benchmarks: one clock for every process, latency histograms
// that merge across processes, and a process's CPU time and memory read from Linux's /proc.
import { readFileSync } from 'node:fs';
import { descendants } from '../shared/processes.ts';

/**
 * Microseconds on CLOCK_MONOTONIC. Node's hrtime reads that clock, which is system-wide, so
 * stamps taken in different processes on one machine compare directly (load.ts checks
 * it at every run: a message between two processes never arrives before it was sent).
 */
export const clock = (): number => Number(process.hrtime.bigint() / 1000n);

/** Latency counts in 0.1 ms bins (key = bin index); small to send between processes. */
export type Histogram = Map<number, number>;

const BIN_US = 100;

export function record(histogram: Histogram, microseconds: number): void {
	const bin = Math.floor(Math.max(0, microseconds) / BIN_US);
	histogram.set(bin, (histogram.get(bin) ?? 0) + 1);
}

export function merge(into: Histogram, entries: Iterable<[number, number]>): Histogram {
	for (const [bin, count] of entries) into.set(bin, (into.get(bin) ?? 0) + count);
	return into;
}

export const count = (histogram: Histogram) => [...histogram.values()].reduce((a, b) => a + b, 0);

export interface Percentiles {
	samples: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Nearest-rank percentiles in milliseconds (a bin's upper edge: never flattering). */
export function percentiles(histogram: Histogram): Percentiles {
	const bins = [...histogram].sort((a, b) => a[0] - b[0]);
	const samples = count(histogram);
	const at = (p: number) => {
		const rank = Math.max(1, Math.ceil((p / 100) * samples));
		let seen = 0;
		for (const [bin, n] of bins) if ((seen += n) >= rank) return ((bin + 1) * BIN_US) / 1000;
		return NaN;
	};
	return { samples, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

// USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux that matters.
const ticksPerSecond = 100;

/** User + system CPU seconds of one process so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
	} catch {
		return null;
	}
}

/** Resident memory now and its peak (VmHWM), in MB. */
export function memory(pid: number): { rssMb: number; peakMb: number } | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
		return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
	} catch {
		return null;
	}
}

/** This process's PostgreSQL (the bench starts it, so its processes are our descendants). */
export const postgresPids = () =>
	descendants(process.pid)
		.filter((p) => /\bpostgres\b/.test(p.command))
		.map((p) => p.pid);

export interface Usage {
	seconds: number;
	/** CPU time over wall time, in percent of one core. */
	cpuPercent: number;
	/** Largest resident memory seen while measuring (summed over the processes). */
	rssMaxMb: number;
	rssEndMb: number;
}

/**
 * CPU and memory of some processes between start and stop. CPU is the difference of their
 * counters (a process that exits meanwhile loses its share: PostgreSQL's backends here live
 * as long as the server's pool); memory is sampled every `everyMs`.
 */
export function meter(pids: () => number[], everyMs = 250) {
	const started = performance.now();
	const before = new Map(pids().map((pid) => [pid, cpuSeconds(pid) ?? 0]));
	let rssMaxMb = 0;
	const sample = () => {
		const rss = pids().reduce((sum, pid) => sum + (memory(pid)?.rssMb ?? 0), 0);
		rssMaxMb = Math.max(rssMaxMb, rss);
		return rss;
	};
	sample();
	const timer = setInterval(sample, everyMs);
	return {
		stop(): Usage {
			clearInterval(timer);
			const rssEndMb = sample();
			const seconds = (performance.now() - started) / 1000;
			const cpu = pids().reduce(
				(sum, pid) => sum + (cpuSeconds(pid) ?? 0) - (before.get(pid) ?? 0),
				0
			);
			return { seconds, cpuPercent: (100 * cpu) / seconds, rssMaxMb, rssEndMb };
		}
	};
}

/**
 * Linux's CPU pressure: the share of the time since `start()` in which some runnable task
 * waited for a core. Near 0 the figures are the servers'; far above it, the machine was busy
 * with others' work too (the cores are shared). NaN without /proc/pressure.
 */
export function cpuPressure() {
	const total = () => {
		try {
			const text = readFileSync('/proc/pressure/cpu', 'utf8');
			return Number(/^some .*total=(\d+)/m.exec(text)?.[1]);
		} catch {
			return NaN;
		}
	};
	const [t0, w0] = [total(), performance.now()];
	return () => (100 * (total() - t0)) / 1000 / (performance.now() - w0);
}

export const ms = (value: number) =>
	!Number.isFinite(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1);
export const mb = (value: number) => `${value.toFixed(0)} MB`;
export const percent = (value: number) => `${value.toFixed(0)} %`;

/** A run whose generator fell behind measures the generator: under 95 % of the expected
 * arrivals recorded, under 90 % of the keystrokes sent on time, or a worker's event loop
 * stalled (its p99 delay over a quarter of the typing interval: arrivals are stamped late). */
export const deliveredFloor = 0.95;
export const ticksFloor = 0.9;
export const stallCeilingMs = 50;

interface Typing {
	delivered: number;
	ticks: number;
	generator?: { eventLoopDelayP99Ms: number };
}

/** Why a run's figures cannot be judged (the generator could not keep up), or null. */
export function saturation(typing: Typing): string | null {
	const short: string[] = [];
	if (!(typing.delivered >= deliveredFloor))
		short.push(`${(100 * typing.delivered).toFixed(1)} % delivered < ${100 * deliveredFloor} %`);
	if (!(typing.ticks >= ticksFloor))
		short.push(`${(100 * typing.ticks).toFixed(1)} % on time < ${100 * ticksFloor} %`);
	const stall = typing.generator?.eventLoopDelayP99Ms ?? 0;
	if (stall > stallCeilingMs)
		short.push(`event-loop delay p99 ${ms(stall)} ms > ${stallCeilingMs} ms`);
	return short.length ? `invalid: generator saturated (${short.join(', ')})` : null;
}

/** "met" / "not met" beside a target; when the reference misses it too, that is said. */
export function verdict(met: boolean, referenceMet?: boolean, referenceFigure?: string): string {
	if (met) return 'met';
	if (referenceMet === false) return `not met (reference misses it too: ${referenceFigure})`;
	return 'not met';
}
