// A little statistics on raw samples (milliseconds, usually), shared by the benchmarks.

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}

export interface Latency {
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export const latencySummary = (ms: number[]): Latency => ({
	p50: percentile(ms, 50),
	p95: percentile(ms, 95),
	p99: percentile(ms, 99),
	max: Math.max(...ms)
});
