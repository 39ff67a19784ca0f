import type { Sql } from 'postgres';
import { z } from 'zod';
import * as store from '../documents/store.ts';
import { reason, type Log } from './logging.ts';

// Several app processes may serve the same document; they exchange updates and awareness with
// PostgreSQL LISTEN/NOTIFY on the document's channel (PostgreSQL is already the only store, so
// there is no extra service to run). A NOTIFY payload must stay under 8000 bytes: small updates
// travel inline (base64) with the sender's process id so it can ignore its own echo; a larger
// one is stored first and announced as {"kind":"stored","seq":n}, and the others read it from
// the store. store.publish() (restore, import) sends the same notice without a sender.
//
// Updates and awareness are sent only while another process has the document open: a process
// alone with it (one process is the default) sends nothing, where every edit used to cost it and
// the database a statement that came back to it unread. Presence travels on the same channel: a
// process that opens the document says "hello" once it listens, each one that has it open
// answers "here", and one that closes it says "bye". Each side, on learning of the other, stores
// what it holds and announces it, because neither sent the other anything before: the newcomer
// read the store when it opened the document, and what was typed since is read on that notice.

/** Payloads above this many bytes are not sent inline (PostgreSQL's limit is 8000). */
export const MAX_INLINE_PAYLOAD = 7900;

const message = z.discriminatedUnion('kind', [
	z.object({ kind: z.enum(['hello', 'here', 'bye']), from: z.string() }),
	z.object({ kind: z.literal('update'), from: z.string(), data: z.base64() }),
	z.object({ kind: z.literal('awareness'), from: z.string(), data: z.base64() }),
	z.object({
		kind: z.literal('stored'),
		seq: z.number().int().nonnegative(),
		from: z.string().optional()
	})
]);

export interface DocumentHandlers {
	update(update: Uint8Array): void;
	awareness(update: Uint8Array): void;
	stored(seq: number): void;
	/** The listening connection was re-established: notices may have been missed. */
	relistened(): void;
	/** A process was found to have the document open: store what this one holds, announce it. */
	joined(): void;
}

/** One document's channel, as subscribe() returns it. */
export interface Subscription {
	/** A local update; `storeFirst` appends it and gives its seq, for one too large inline. */
	update(update: Uint8Array, storeFirst: () => Promise<number | null>): void;
	awareness(update: Uint8Array): void;
	/** Tells the others to read the store (`seq`: an update it holds; null: none in particular). */
	announce(seq: number | null): void;
	/** Says "bye" and stops listening. */
	stop(): Promise<void>;
}

interface Subscriber {
	documentId: string;
	handlers: DocumentHandlers;
	listens: number;
	/** The other processes known to have the document open. */
	peers: Set<string>;
}

type Notice = { channel: string; payload: string };

/** The process's side of LISTEN/NOTIFY: one queue of notices, one listener per document. */
export class Notifier {
	readonly processId = crypto.randomUUID();
	private sql: Sql;
	private log: Log;
	private queue: Notice[] = [];
	private ownPrefixes = (['update', 'awareness'] as const).map(
		(kind) => `{"kind":"${kind}","from":"${this.processId}"`
	);
	private sending: Promise<void> | null = null;
	private subscribers = new Map<number, Subscriber>();
	private nextSubscriber = 0;

	constructor(sql: Sql, log: Log) {
		this.sql = sql;
		this.log = log;
	}

	/**
	 * Listens on the document's channel, then says hello; resolves once listening.
	 * What postgres.js is given reaches the handlers (and so the room) only through
	 * `subscribers`, so that nothing the driver keeps can hold a room after it unloads
	 * (postgres.js 3 kept an Error from the first run of each query text, whose stack held the
	 * first listener's closures; collab/unload-memory.test.ts holds the rule).
	 */
	async subscribe(documentId: string, handlers: DocumentHandlers): Promise<Subscription> {
		const id = this.nextSubscriber++;
		const subscriber: Subscriber = { documentId, handlers, listens: 0, peers: new Set() };
		this.subscribers.set(id, subscriber);
		const listening = this.sql.listen(
			store.documentChannel(documentId),
			(payload) => this.forward(id, payload),
			() => this.listened(id)
		);
		const meta = await listening.catch((error: unknown) => {
			this.subscribers.delete(id);
			throw error;
		});
		this.say(documentId, 'hello');
		return {
			update: (update, storeFirst) => this.update(subscriber, update, storeFirst),
			awareness: (update) => this.awareness(subscriber, update),
			announce: (seq) => this.announce(documentId, seq),
			stop: async () => {
				this.subscribers.delete(id);
				if (subscriber.peers.size) this.say(documentId, 'bye');
				await meta.unlisten();
			}
		};
	}

	/** Waits until every queued notice has been sent. */
	async settle(): Promise<void> {
		while (this.sending) await this.sending;
	}

	private update(
		subscriber: Subscriber,
		update: Uint8Array,
		storeFirst: () => Promise<number | null>
	): void {
		if (!subscriber.peers.size) return;
		const { documentId } = subscriber;
		const payload = this.inline('update', update);
		if (payload) return this.notify(documentId, payload);
		storeFirst().then(
			(seq) => seq !== null && this.announce(documentId, seq),
			(error: unknown) =>
				this.log('error', 'fanout_store_failed', { document: documentId, error: reason(error) })
		);
	}

	private awareness(subscriber: Subscriber, update: Uint8Array): void {
		if (!subscriber.peers.size) return;
		const { documentId } = subscriber;
		const payload = this.inline('awareness', update);
		if (payload) this.notify(documentId, payload);
		else
			this.log('warn', 'awareness_too_large', { document: documentId, bytes: update.byteLength });
	}

	private announce(documentId: string, seq: number | null): void {
		const notice = { kind: 'stored', seq: seq ?? 0, from: this.processId };
		this.notify(documentId, JSON.stringify(notice));
	}

	private say(documentId: string, kind: 'hello' | 'here' | 'bye'): void {
		this.notify(documentId, JSON.stringify({ kind, from: this.processId }));
	}

	private forward(id: number, payload: string): void {
		const subscriber = this.subscribers.get(id);
		if (subscriber) this.dispatch(payload, subscriber);
	}

	private listened(id: number): void {
		const subscriber = this.subscribers.get(id);
		if (!subscriber || subscriber.listens++ === 0) return;
		// Hellos may have been missed as well: the others answer this one.
		this.say(subscriber.documentId, 'hello');
		subscriber.handlers.relistened();
	}

	private notify(documentId: string, payload: string): void {
		this.queue.push({ channel: store.documentChannel(documentId), payload });
		this.sending ??= this.drain();
	}

	/**
	 * Every queued notice goes out in one statement, in order; what arrives meanwhile follows.
	 * The first waits for the end of the event loop's turn, so the edits one turn handled (many,
	 * under load) make one statement rather than one each.
	 */
	private async drain(): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		while (this.queue.length) {
			const batch = this.queue.splice(0, this.queue.length);
			await this.sql`select pg_notify(c, p)
				from unnest(${batch.map((n) => n.channel)}::text[], ${batch.map((n) => n.payload)}::text[]) as t(c, p)`.catch(
				(error: unknown) =>
					this.log('error', 'notify_failed', { error: reason(error), count: batch.length })
			);
		}
		this.sending = null;
	}

	private inline(kind: 'update' | 'awareness', data: Uint8Array): string | null {
		const payload = JSON.stringify({
			kind,
			from: this.processId,
			data: Buffer.from(data).toString('base64')
		});
		return Buffer.byteLength(payload) <= MAX_INLINE_PAYLOAD ? payload : null;
	}

	private dispatch(payload: string, subscriber: Subscriber): void {
		// This process's own updates come back to it hundreds of times a second under load: they
		// are known by how they start (inline() writes kind and sender first), not parsed.
		if (this.ownPrefixes.some((prefix) => payload.startsWith(prefix))) return;
		const parsed = message.safeParse(parseJson(payload));
		if (!parsed.success) {
			this.log('warn', 'bad_notice', { payload: payload.slice(0, 200) });
			return;
		}
		const notice = parsed.data;
		if (notice.from === this.processId) return;
		const { handlers, peers } = subscriber;
		if (notice.kind === 'stored') return handlers.stored(notice.seq);
		if (notice.kind === 'update' || notice.kind === 'awareness') {
			const data = new Uint8Array(Buffer.from(notice.data, 'base64'));
			return notice.kind === 'update' ? handlers.update(data) : handlers.awareness(data);
		}
		if (notice.kind === 'bye') return void peers.delete(notice.from);
		// A hello is answered even from a known process: it listens anew and may have missed
		// what was sent, so it is also given the store's news.
		if (notice.kind === 'hello') this.say(subscriber.documentId, 'here');
		else if (peers.has(notice.from)) return;
		peers.add(notice.from);
		handlers.joined();
	}
}

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
