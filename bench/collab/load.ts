// The collaboration load generator: clients spread over a few worker processes
// (worker.ts), so that with a hundred clients the generator is not one saturated event
// loop timing the server. Commands go to every worker and their reports are merged here.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ClientKind } from './client.ts';
import { clock, merge, percentiles, type Histogram, type Percentiles } from './measure.ts';
import type { Command, CommandBody, Reply, Seat, WorkerReport } from './protocol.ts';

export interface TypingResult {
	latencyMs: Percentiles;
	edits: number;
	/** Arrivals expected: every edit at every other client of its document. */
	expected: number;
	/** Arrivals recorded over arrivals expected. */
	delivered: number;
	/** Keystrokes the generator sent on time (within one interval) over those it scheduled. */
	ticks: number;
	/** The latencies themselves (measure.ts's bins), to merge runs; not kept in the results. */
	histogram?: [number, number][];
	serverCloses: number;
	generator: {
		cpuPercent: number;
		/** Worst of the workers: how late their timers and sockets were served. */
		eventLoopDelayP99Ms: number;
		rssMb: number;
	};
}

class Worker {
	child: ChildProcess;
	next = 1;
	waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

	constructor() {
		this.child = fork(join(import.meta.dirname, 'worker.ts'), [], { stdio: 'inherit' });
		this.child.on('message', (reply: Reply) => {
			const waiter = this.waiting.get(reply.id);
			this.waiting.delete(reply.id);
			if (reply.error) waiter?.reject(new Error(`load worker: ${reply.error}`));
			else waiter?.resolve(reply);
		});
		this.child.once('exit', (code) => {
			for (const w of this.waiting.values()) w.reject(new Error(`load worker exited (${code})`));
			this.waiting.clear();
		});
	}

	ask(body: CommandBody): Promise<Reply> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			this.child.send({ ...body, id } as Command);
		});
	}
}

export class LoadGenerator {
	workers: Worker[];
	/** Which document each seat is in, and how many seats each document has. */
	seatsPerDocument = new Map<string, number>();

	/** A crashed benchmark must not leave its workers behind. */
	private onExit = () => this.workers.forEach((w) => w.child.kill());

	constructor(processes = 2) {
		this.workers = Array.from({ length: processes }, () => new Worker());
		process.once('exit', this.onExit);
	}

	/**
	 * Connects every seat (spread over the workers, so a document's clients sit in both) to the
	 * server at `url` as `group`, and waits until each has synced; returns the time each took and
	 * how many never did. Groups (one per server) connect side by side; their documents differ.
	 */
	async connect(url: string, seats: Seat[], client: ClientKind, group = 'default', batch = 25) {
		for (const s of seats) {
			this.seatsPerDocument.set(s.documentId, (this.seatsPerDocument.get(s.documentId) ?? 0) + 1);
		}
		const n = this.workers.length;
		const replies = await Promise.all(
			this.workers.map((w, i) =>
				w.ask({
					type: 'connect',
					client,
					url,
					group,
					seats: seats.filter((_, k) => k % n === i),
					batch
				})
			)
		);
		const times = replies.flatMap((r) => r.connectMs ?? []);
		const failed = replies.reduce((sum, r) => sum + (r.failed ?? 0), 0);
		return { connectMs: times, failed };
	}

	/**
	 * The clocks agree when, both ways, nothing arrives before it was sent. Returns the largest
	 * one-way trip seen (µs), or throws when a worker's clock reads earlier than ours.
	 */
	async checkClock(): Promise<number> {
		let largest = 0;
		for (const w of this.workers) {
			const sentAt = clock();
			const { receivedAt = NaN } = await w.ask({ type: 'clock' });
			const backAt = clock();
			if (!(sentAt <= receivedAt && receivedAt <= backAt)) {
				throw new Error(`clocks disagree: sent ${sentAt}, received ${receivedAt}, back ${backAt}`);
			}
			largest = Math.max(largest, receivedAt - sentAt, backAt - receivedAt);
		}
		return largest;
	}

	/**
	 * Every client of `group` types every `intervalMs` for `seconds`; the results are collected
	 * `drainMs` after the last edit (an edit arriving later counts as not delivered).
	 */
	async type(
		group: string,
		seconds: number,
		intervalMs: number,
		drainMs = 2000
	): Promise<TypingResult> {
		const started = clock();
		const from = started + 100_000;
		const to = from + seconds * 1e6;
		await Promise.all(
			this.workers.map((w) => w.ask({ type: 'type', group, from, to, intervalMs }))
		);
		// On a loaded machine the workers may answer after `to`: then only the drain remains.
		const left = Math.max(0, (to - clock()) / 1000) + drainMs;
		await new Promise((resolve) => setTimeout(resolve, left));
		const reports = await Promise.all(this.workers.map((w) => w.ask({ type: 'report' })));
		return this.summarize(
			reports.map((r) => r.report!),
			(clock() - started) / 1e6
		);
	}

	private summarize(reports: WorkerReport[], seconds: number): TypingResult {
		const histogram: Histogram = new Map();
		const sent = new Map<string, number>();
		for (const r of reports) {
			merge(histogram, r.histogram);
			for (const [doc, n] of r.sent) sent.set(doc, (sent.get(doc) ?? 0) + n);
		}
		const expected = [...sent].reduce(
			(sum, [doc, n]) => sum + n * ((this.seatsPerDocument.get(doc) ?? 1) - 1),
			0
		);
		const latencyMs = percentiles(histogram);
		const cpuSeconds = reports.reduce((n, r) => n + r.cpuSeconds, 0);
		const due = reports.reduce((n, r) => n + r.ticks.due, 0);
		const onTime = reports.reduce((n, r) => n + r.ticks.onTime, 0);
		return {
			latencyMs,
			edits: [...sent.values()].reduce((a, b) => a + b, 0),
			expected,
			histogram: [...histogram],
			delivered: expected ? latencyMs.samples / expected : NaN,
			ticks: due ? onTime / due : NaN,
			serverCloses: reports.reduce((n, r) => n + r.serverCloses, 0),
			generator: {
				cpuPercent: (100 * cpuSeconds) / seconds,
				eventLoopDelayP99Ms: Math.max(...reports.map((r) => r.eventLoopDelayMs.p99)),
				rssMb: reports.reduce((n, r) => n + r.rssMb, 0)
			}
		};
	}

	/** Every client writes `chars` characters (some content in every document). */
	async write(chars: number): Promise<void> {
		await Promise.all(this.workers.map((w) => w.ask({ type: 'write', chars })));
	}

	/** How many times the server has closed a client's connection since they connected. */
	async closes(): Promise<number> {
		const replies = await Promise.all(this.workers.map((w) => w.ask({ type: 'report' })));
		return replies.reduce((n, r) => n + (r.report?.serverCloses ?? 0), 0);
	}

	async disconnect(): Promise<void> {
		this.seatsPerDocument.clear();
		await Promise.all(this.workers.map((w) => w.ask({ type: 'disconnect' })));
	}

	/** The workers' process ids. */
	get pids(): number[] {
		return this.workers.flatMap((w) => (w.child.pid ? [w.child.pid] : []));
	}

	async close(): Promise<void> {
		process.off('exit', this.onExit);
		await Promise.all(
			this.workers.map(
				(w) =>
					new Promise<void>((resolve) => {
						if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
						w.child.once('exit', () => resolve());
						w.child.disconnect();
					})
			)
		);
	}
}
