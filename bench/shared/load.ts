// HTTP load on one URL with autocannon, keeping every response time so that the percentiles
// are exact (autocannon itself reports no p95).
import autocannon from 'autocannon';
import { latencySummary, type Latency } from './stats.ts';

export interface LoadFigures {
	requestsPerSecond: number;
	requests: number;
	latencyMs: Latency;
	non2xx: number;
	errors: number;
	timeouts: number;
	statusCodes: Record<string, number>;
}

/** autocannon on one URL, keeping every response time so p95 is exact (autocannon has no p95). */
export function loadTest(
	url: string,
	run: { connections: number; seconds: number; cookie?: string; amount?: number }
): Promise<LoadFigures> {
	const latencies: number[] = [];
	// `amount`: a fixed number of requests instead of a time.
	const options = run.amount
		? { url, connections: run.connections, amount: run.amount }
		: { url, connections: run.connections, duration: run.seconds };
	const headers = run.cookie ? { cookie: run.cookie } : {};
	return new Promise((resolve, reject) => {
		const instance = autocannon({ ...options, headers }, (error: unknown, result) => {
			if (error) return reject(error);
			const codes = Object.entries(result.statusCodeStats ?? {});
			resolve({
				requestsPerSecond: result.requests.average,
				requests: latencies.length,
				latencyMs: latencySummary(latencies),
				non2xx: result.non2xx,
				errors: result.errors,
				timeouts: result.timeouts,
				statusCodes: Object.fromEntries(codes.map(([code, s]) => [code, s.count ?? 0]))
			});
		});
		instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
	});
}
