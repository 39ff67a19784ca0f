// Large request bodies against a running Erfa: a round of four 26 MB form posts to /login and
// /register at once (declared length and chunked) every 150 ms for three seconds (20 rounds;
// fewer when a round takes longer), while /healthz is asked every 50 ms. What a person
// notices is /healthz's latency during the posts next to its latency alone; each post should
// end in a quick 413 from the route's body limit (src/lib/server/platform/body-limit.ts).
// Loopback only, a fixed number of posts, every wait bounded. BENCH_ORIGIN=http://127.0.0.1:<port>
// measures an Erfa already running (e.g. `npm run dev`) instead of starting one.
import { request } from 'node:http';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { benchDataDir, removeDataDir, startErfa, stopErfa, withOutput } from '../shared/erfa.ts';
import { removeSnapshot, snapshotApp } from '../shared/snapshot.ts';
import { latencySummary, type Latency } from '../shared/stats.ts';

const MB = 1024 * 1024;
const BODY_BYTES = 26 * MB;
const aloneMs = 3_000;
const probeEveryMs = 50;
const maxRounds = 20;
// No post may take longer; before the route limits one took ~49 s on two cores.
const postTimeoutMs = 90_000;
const posts = [
	{ path: '/login', chunked: false },
	{ path: '/register', chunked: false },
	{ path: '/login', chunked: true },
	{ path: '/register', chunked: true }
];

interface PostOutcome {
	path: string;
	chunked: boolean;
	/** HTTP status, or what ended the post without one. */
	status: number | string;
	answeredMs: number;
	/** Share of the body the client had sent when the answer came (1: all of it). */
	sentShare: number;
}

/** One large URL-encoded post, sent as fast as the server takes it; stops at the answer. */
function post(origin: string, path: string, chunked: boolean): Promise<PostOutcome> {
	const url = new URL(path, origin);
	const headers: Record<string, string | number> = {
		'content-type': 'application/x-www-form-urlencoded',
		// Same-site, so that without a limit the post would reach the form action.
		origin,
		accept: 'text/html'
	};
	if (!chunked) headers['content-length'] = BODY_BYTES;
	const started = performance.now();
	return new Promise((resolve) => {
		let written = 0;
		let done = false;
		const finish = (status: number | string) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			const answeredMs = performance.now() - started;
			resolve({ path, chunked, status, answeredMs, sentShare: written / BODY_BYTES });
			req.destroy();
		};
		const req = request(url, { method: 'POST', headers });
		const timer = setTimeout(() => finish('timeout'), postTimeoutMs);
		req.on('response', (res) => {
			res.resume();
			finish(res.statusCode ?? 0);
		});
		req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
		const chunk = Buffer.alloc(256 * 1024, 'a');
		const pump = () => {
			while (!done && written < BODY_BYTES) {
				const part = chunk.subarray(0, Math.min(chunk.length, BODY_BYTES - written));
				written += part.length;
				if (!req.write(part)) return void req.once('drain', pump);
			}
			if (!done) req.end();
		};
		pump();
	});
}

/** /healthz every `probeEveryMs` until `until` has settled, at least `minMs`, at most `maxMs`. */
async function probeHealth(
	origin: string,
	until: Promise<unknown>,
	window: { minMs: number; maxMs: number }
) {
	const samples: number[] = [];
	const failures: string[] = [];
	let settled = false;
	void until.finally(() => (settled = true));
	const started = performance.now();
	const busy = () => !settled || performance.now() - started < window.minMs;
	while (busy() && performance.now() - started < window.maxMs) {
		const asked = performance.now();
		const status = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(60_000) })
			.then((r) => r.status)
			.catch((e: Error) => e.name);
		const ms = performance.now() - asked;
		if (status === 200) samples.push(ms);
		else failures.push(String(status));
		await new Promise((r) => setTimeout(r, Math.max(0, probeEveryMs - ms)));
	}
	return { samples, failures };
}

const fmt = (l: Latency) =>
	`${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} / ${l.max.toFixed(1)} ms (p50 / p95 / max)`;

/** Rounds of `posts`, one every aloneMs / maxRounds, until aloneMs has passed. */
async function sendRounds(origin: string): Promise<PostOutcome[]> {
	const started = performance.now();
	const all: PostOutcome[] = [];
	for (let round = 0; round < maxRounds; round++) {
		all.push(...(await Promise.all(posts.map((p) => post(origin, p.path, p.chunked)))));
		const elapsed = performance.now() - started;
		if (elapsed >= aloneMs) break;
		await new Promise((r) =>
			setTimeout(r, Math.max(0, ((round + 1) * aloneMs) / maxRounds - elapsed))
		);
	}
	return all;
}

function print(alone: Latency, during: Latency, probes: number[], outcomes: PostOutcome[]) {
	console.log(`  /healthz alone:        ${fmt(alone)}, ${probes[0]} probes`);
	console.log(`  /healthz during posts: ${fmt(during)}, ${probes[1]} probes`);
	for (const o of outcomes.slice(0, posts.length)) {
		const how = o.chunked ? 'chunked' : 'with length';
		console.log(
			`  POST ${o.path} 26 MB ${how} (first round): ${o.status} after ` +
				`${o.answeredMs.toFixed(0)} ms, ${(o.sentShare * 100).toFixed(0)} % of the body sent`
		);
	}
}

async function measure(origin: string): Promise<BenchResult> {
	const alone = await probeHealth(origin, Promise.resolve(), { minMs: aloneMs, maxMs: aloneMs });
	const sending = sendRounds(origin);
	const during = await probeHealth(origin, sending, { minMs: 0, maxMs: maxRounds * postTimeoutMs });
	const outcomes = await sending;
	const aloneLatency = latencySummary(alone.samples);
	const duringLatency = latencySummary(during.samples);
	print(aloneLatency, duringLatency, [alone.samples.length, during.samples.length], outcomes);
	const slowest = Math.max(...outcomes.map((o) => o.answeredMs));
	const counts = new Map<string, number>();
	for (const o of outcomes) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1);
	const statuses = [...counts].map(([status, n]) => `${n} × ${status}`).join(', ');
	return {
		name: 'abuse-large-bodies',
		summary: [
			{ figure: '/healthz alone', value: fmt(aloneLatency) },
			{
				figure: `/healthz during ${outcomes.length / posts.length} rounds of 4 × 26 MB posts`,
				value: fmt(duringLatency),
				target: 'p95 ≤ 100 ms'
			},
			{
				figure: '26 MB posts answered',
				value: `${statuses}; slowest ${slowest.toFixed(0)} ms`,
				target: 'all 413, each ≤ 1 s'
			}
		],
		details: {
			bodyBytes: BODY_BYTES,
			alone: { latencyMs: aloneLatency, failures: alone.failures },
			during: { latencyMs: duringLatency, failures: during.failures },
			posts: outcomes
		}
	};
}

async function run(): Promise<BenchResult> {
	const given = process.env.BENCH_ORIGIN;
	if (given) {
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(given).hostname)) {
			throw new Error('BENCH_ORIGIN must be on this machine (127.0.0.1, localhost or [::1]).');
		}
		return measure(given);
	}
	const appDir = await snapshotApp();
	const dataDir = benchDataDir('abuse');
	try {
		const erfa = await startErfa({ command: 'start', appDir, dataDir });
		try {
			return await measure(erfa.origin);
		} catch (error) {
			throw withOutput(error, erfa);
		} finally {
			await stopErfa(erfa);
		}
	} finally {
		await removeDataDir(dataDir);
		await removeSnapshot(appDir);
	}
}

export const abuseLargeBodies: Benchmark = { name: 'abuse-large-bodies', run };
