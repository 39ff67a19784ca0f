// One process of the collaboration load generator, forked by load.ts: clients
// (client.ts) each typing into a paragraph of its own on command. Every keystroke also
// writes its send time under the client's key in a shared Y.Map, so every other client,
// wherever it runs, sees when the edit left and records how long it took to arrive.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { FRAGMENT } from '../../src/lib/collab/protocol.ts';
import { loadClient, MARKS, type ClientKind, type LoadClient, type Mark } from './client.ts';
import { clock, record, type Histogram } from './measure.ts';
import type { Command, Reply, Seat, WorkerReport } from './protocol.ts';

const LETTERS = 'abcdefghij klmnopqrstuvwxyz ';
const SYNC_TIMEOUT_MS = 60_000;

interface Typist {
	/** Which server it is connected to: only one server's clients type at a time. */
	group: string;
	seat: Seat;
	client: LoadClient;
	text: Y.XmlText;
	marks: Y.Map<Mark>;
	/** The newest send time seen per other client: a resync repeats values, never counted twice. */
	seen: Map<string, number>;
	timer?: ReturnType<typeof setTimeout>;
}

// Every WebsocketProvider adds an exit listener; hundreds of them are expected here.
process.setMaxListeners(0);

let typists: Typist[] = [];
let histogram: Histogram = new Map();
let sent = new Map<string, number>();
// Keystrokes due in the window, and those that left within one interval of when they were due:
// a generator that falls behind its own schedule measures itself, not the server.
let ticks = { due: 0, onTime: 0 };
let received = new Map<string, number>();
let window = { from: Infinity, to: -Infinity };
/** The group typing last; its clients are the ones reported on. */
let activeGroup: string | null = null;
let cpuAtStart = process.cpuUsage();
const loop = monitorEventLoopDelay({ resolution: 5 });

const bump = (counts: Map<string, number>, key: string) =>
	counts.set(key, (counts.get(key) ?? 0) + 1);

function arrived(typist: Typist, mark: Mark): void {
	const now = clock();
	if (mark.k === typist.seat.key || mark.t <= (typist.seen.get(mark.k) ?? -Infinity)) return;
	typist.seen.set(mark.k, mark.t);
	if (mark.t < window.from || mark.t > window.to) return;
	record(histogram, now - mark.t);
	bump(received, typist.seat.documentId);
}

/** Connects one client and waits for its first sync; resolves to the time that took (ms). */
async function join(
	kind: ClientKind,
	url: string,
	group: string,
	seat: Seat
): Promise<{ typist: Typist; ms: number | null }> {
	const started = performance.now();
	const typist = { group, seat, text: new Y.XmlText(), seen: new Map() } as Typist;
	typist.client = loadClient(kind, url, seat, (mark) => arrived(typist, mark));
	const doc = typist.client.doc;
	typist.marks = doc.getMap<Mark>(MARKS);
	let timeout: ReturnType<typeof setTimeout> | undefined;
	const synced = await Promise.race([
		typist.client.synced.then(() => true),
		new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS)))
	]);
	clearTimeout(timeout);
	if (!synced) return { typist, ms: null };
	const ms = performance.now() - started;
	// Its own paragraph, at the end: typing at the end of one's own text is the common case.
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [typist.text]);
	const fragment = doc.getXmlFragment(FRAGMENT);
	fragment.insert(fragment.length, [paragraph]);
	return { typist, ms };
}

/** Connects in groups of `batch`, as people arrive over a moment rather than all at once. */
async function connectAll(command: Extract<Command, { type: 'connect' }>) {
	const { client, url, group, seats, batch } = command;
	const times: number[] = [];
	let failed = 0;
	for (let i = 0; i < seats.length; i += batch) {
		const joined = await Promise.all(
			seats.slice(i, i + batch).map((seat) => join(client, url, group, seat))
		);
		for (const { typist, ms } of joined) {
			typists.push(typist);
			if (ms === null) failed++;
			else times.push(ms);
		}
	}
	return { connectMs: times, failed };
}

function keystroke(typist: Typist, n: number): void {
	const t = clock();
	typist.client.doc.transact(() => {
		typist.text.insert(typist.text.length, LETTERS[n % LETTERS.length]!);
		typist.marks.set(typist.seat.key, { k: typist.seat.key, t });
	});
	// A timer firing just outside the window: the receivers leave it out, so it is not expected.
	if (t >= window.from && t <= window.to) bump(sent, typist.seat.documentId);
}

/** Each client types every `intervalMs` from a random phase, on absolute times (no drift). */
function startTyping(group: string, from: number, to: number, intervalMs: number): void {
	histogram = new Map();
	sent = new Map();
	ticks = { due: 0, onTime: 0 };
	received = new Map();
	window = { from, to };
	activeGroup = group;
	cpuAtStart = process.cpuUsage();
	loop.reset();
	loop.enable();
	const interval = intervalMs * 1000;
	for (const typist of typists.filter((t) => t.group === group)) {
		const phase = Math.random() * interval;
		let n = 0;
		const next = () => {
			const due = from + phase + n * interval;
			if (due > to) return;
			ticks.due++;
			typist.timer = setTimeout(
				() => {
					if (clock() - due <= interval) ticks.onTime++;
					keystroke(typist, n++);
					next();
				},
				Math.max(0, (due - clock()) / 1000)
			);
		};
		next();
	}
}

function report(): WorkerReport {
	loop.disable();
	const cpu = process.cpuUsage(cpuAtStart);
	return {
		sent: [...sent],
		ticks,
		received: [...received],
		histogram: [...histogram],
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		eventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
		serverCloses: typists
			.filter((t) => activeGroup === null || t.group === activeGroup)
			.reduce((n, t) => n + t.client.closes.length, 0),
		rssMb: process.memoryUsage().rss / 1024 / 1024
	};
}

/** Every client writes `chars` characters in one edit (documents with some content in them). */
function write(chars: number): void {
	for (const [i, typist] of typists.entries()) {
		const line = Array.from({ length: chars }, (_, n) => LETTERS[(n + i) % LETTERS.length]);
		typist.text.insert(typist.text.length, line.join(''));
	}
}

function disconnect(): void {
	activeGroup = null;
	for (const typist of typists) {
		clearTimeout(typist.timer);
		typist.client.destroy();
	}
	typists = [];
}

async function handle(command: Command): Promise<Reply> {
	switch (command.type) {
		case 'connect':
			return {
				id: command.id,
				...(await connectAll(command))
			};
		case 'clock':
			return { id: command.id, receivedAt: clock() };
		case 'type':
			startTyping(command.group, command.from, command.to, command.intervalMs);
			return { id: command.id };
		case 'report':
			return { id: command.id, report: report() };
		case 'write':
			write(command.chars);
			return { id: command.id };
		case 'disconnect':
			disconnect();
			return { id: command.id };
	}
}

process.on('message', (command: Command) => {
	handle(command).then(
		(reply) => process.send!(reply),
		(error: unknown) => process.send!({ id: command.id, error: String(error) })
	);
});
// The generator is gone (finished or crashed): so are its clients.
process.on('disconnect', () => process.exit(0));
