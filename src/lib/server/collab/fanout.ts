import type { Sql } from 'postgres';
import * as awarenessProtocol from 'y-protocols/awareness';
import { z } from 'zod';
import * as store from '../documents/store.ts';
import { REMOTE, type AwarenessChange, type Concern, type Origin } from './hooks.ts';
import { reason, type Log } from './logging.ts';
import { isPeer } from './peer.ts';
import type { Room } from './room.ts';

// Several app processes may serve the same document; they exchange updates and awareness with
// PostgreSQL LISTEN/NOTIFY on the document's channel (PostgreSQL is already the only store, so
// there is no extra service to run). A NOTIFY payload must stay under 8000 bytes: small updates
// travel inline (base64) with the sender's process id so it can ignore its own echo; a larger
// one is stored first and announced as {"kind":"stored","seq":n}, and the others read it from
// the store. store.publish() (restore, import) sends the same notice without a sender.

/** Payloads above this many bytes are not sent inline (PostgreSQL's limit is 8000). */
export const MAX_INLINE_PAYLOAD = 7900;

const message = z.discriminatedUnion('kind', [
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
	private subscribers = new Map<number, { handlers: DocumentHandlers; listens: number }>();
	private nextSubscriber = 0;

	constructor(sql: Sql, log: Log) {
		this.sql = sql;
		this.log = log;
	}

	/** Sends a local update to the other processes; `storeFirst` appends it, giving its seq. */
	update(documentId: string, update: Uint8Array, storeFirst: () => Promise<number | null>): void {
		const payload = this.inline('update', update);
		if (payload) return this.notify(documentId, payload);
		storeFirst().then(
			(seq) =>
				seq !== null &&
				this.notify(documentId, JSON.stringify({ kind: 'stored', seq, from: this.processId })),
			(error: unknown) =>
				this.log('error', 'fanout_store_failed', { document: documentId, error: reason(error) })
		);
	}

	awareness(documentId: string, update: Uint8Array): void {
		const payload = this.inline('awareness', update);
		if (payload) this.notify(documentId, payload);
		else
			this.log('warn', 'awareness_too_large', { document: documentId, bytes: update.byteLength });
	}

	/**
	 * Listens on the document's channel; resolves once listening, to the function that stops.
	 * What postgres.js is given reaches the handlers (and so the room) only through
	 * `subscribers`, so that nothing the driver keeps can hold a room after it unloads
	 * (postgres.js 3 kept an Error from the first run of each query text, whose stack held the
	 * first listener's closures; collab/unload-memory.test.ts holds the rule).
	 */
	async subscribe(documentId: string, handlers: DocumentHandlers): Promise<() => Promise<void>> {
		const id = this.nextSubscriber++;
		this.subscribers.set(id, { handlers, listens: 0 });
		const listening = this.sql.listen(
			store.documentChannel(documentId),
			(payload) => this.forward(id, payload),
			() => this.listened(id)
		);
		const meta = await listening.catch((error: unknown) => {
			this.subscribers.delete(id);
			throw error;
		});
		return async () => {
			this.subscribers.delete(id);
			await meta.unlisten();
		};
	}

	private forward(id: number, payload: string): void {
		const subscriber = this.subscribers.get(id);
		if (subscriber) this.dispatch(payload, subscriber.handlers);
	}

	private listened(id: number): void {
		const subscriber = this.subscribers.get(id);
		if (subscriber && subscriber.listens++ > 0) subscriber.handlers.relistened();
	}

	/** Waits until every queued notice has been sent. */
	async settle(): Promise<void> {
		while (this.sending) await this.sending;
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

	private dispatch(payload: string, handlers: DocumentHandlers): void {
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
		if (notice.kind === 'stored') return handlers.stored(notice.seq);
		const data = new Uint8Array(Buffer.from(notice.data, 'base64'));
		if (notice.kind === 'update') handlers.update(data);
		else handlers.awareness(data);
	}
}

/** What fan-out needs of persistence: large updates are stored first, then announced. */
export interface StoreLink {
	storeNow(room: Room): Promise<number | null>;
	catchUp(room: Room, seq: number | null): void;
}

export class Fanout implements Concern {
	readonly name = 'fanout';
	private notifier: Notifier;
	private storeLink: StoreLink;
	private unlisten = new WeakMap<Room, () => Promise<void>>();

	constructor(notifier: Notifier, storeLink: StoreLink) {
		this.notifier = notifier;
		this.storeLink = storeLink;
	}

	/** Listens before the document is read (persistence's onLoad comes after), missing nothing. */
	async onLoad(room: Room): Promise<void> {
		const whenReady = (run: () => void) => room.whenReady(run);
		const handlers: DocumentHandlers = {
			update: (update) => whenReady(() => room.applyRemote(update)),
			awareness: (update) =>
				whenReady(() => awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE)),
			stored: (seq) => whenReady(() => this.storeLink.catchUp(room, seq)),
			relistened: () => whenReady(() => this.storeLink.catchUp(room, null))
		};
		this.unlisten.set(room, await this.notifier.subscribe(room.id, handlers));
	}

	onChange(room: Room, update: Uint8Array, origin: Origin): void {
		if (!isPeer(origin) || !origin.user) return;
		this.notifier.update(room.id, update, () => this.storeLink.storeNow(room));
	}

	onAwareness(room: Room, change: AwarenessChange, origin: unknown): void {
		// A connection's own change, or its states removed as it closed: never a relayed one.
		if (isPeer(origin)) this.notifier.awareness(room.id, change.update);
	}

	async onDestroy(room: Room): Promise<void> {
		const stop = this.unlisten.get(room);
		this.unlisten.delete(room);
		await stop?.().catch(() => undefined);
	}

	onStop(): Promise<void> {
		return this.notifier.settle();
	}
}

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
