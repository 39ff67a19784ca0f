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

const accessNotice = z.union([
	z.object({ group: z.uuid() }),
	z.object({ document: z.uuid() }),
	z.object({ user: z.uuid() })
]);
export type AccessNotice = z.infer<typeof accessNotice>;

export interface DocumentHandlers {
	update(update: Uint8Array): void;
	awareness(update: Uint8Array): void;
	stored(seq: number): void;
	/** The listening connection was re-established: notices may have been missed. */
	relistened(): void;
}

export type Fanout = ReturnType<typeof createFanout>;

export function createFanout(sql: Sql, log: Log) {
	const processId = crypto.randomUUID();
	const queue: { channel: string; payload: string }[] = [];
	let sending: Promise<void> | null = null;

	// Every queued notice goes out in one statement, in order; what arrives meanwhile follows.
	const drain = async () => {
		while (queue.length) {
			const batch = queue.splice(0, queue.length);
			await sql`select pg_notify(c, p)
				from unnest(${batch.map((n) => n.channel)}::text[], ${batch.map((n) => n.payload)}::text[]) as t(c, p)`.catch(
				(error: unknown) =>
					log('error', 'notify_failed', { error: reason(error), count: batch.length })
			);
		}
		sending = null;
	};
	const notify = (documentId: string, payload: string) => {
		queue.push({ channel: store.documentChannel(documentId), payload });
		sending ??= drain();
	};
	const inline = (kind: 'update' | 'awareness', data: Uint8Array) => {
		const payload = JSON.stringify({
			kind,
			from: processId,
			data: Buffer.from(data).toString('base64')
		});
		return Buffer.byteLength(payload) <= MAX_INLINE_PAYLOAD ? payload : null;
	};

	return {
		processId,

		/** Sends a local update to the other processes; `storeFirst` appends it, giving its seq. */
		update(documentId: string, update: Uint8Array, storeFirst: () => Promise<number | null>) {
			const payload = inline('update', update);
			if (payload) return notify(documentId, payload);
			storeFirst().then(
				(seq) =>
					seq !== null &&
					notify(documentId, JSON.stringify({ kind: 'stored', seq, from: processId })),
				(error: unknown) =>
					log('error', 'fanout_store_failed', { document: documentId, error: reason(error) })
			);
		},

		awareness(documentId: string, update: Uint8Array) {
			const payload = inline('awareness', update);
			if (payload) notify(documentId, payload);
			else log('warn', 'awareness_too_large', { document: documentId, bytes: update.byteLength });
		},

		/** Listens on the document's channel; resolves once listening, to the function that stops. */
		async subscribe(documentId: string, handlers: DocumentHandlers): Promise<() => Promise<void>> {
			let listens = 0;
			const meta = await sql.listen(
				store.documentChannel(documentId),
				(payload) => dispatch(payload, handlers),
				() => {
					if (listens++ > 0) handlers.relistened();
				}
			);
			return () => meta.unlisten();
		},

		async listenAccess(handler: (notice: AccessNotice) => void): Promise<() => Promise<void>> {
			const meta = await sql.listen(store.ACCESS_CHANNEL, (payload) => {
				const parsed = accessNotice.safeParse(parseJson(payload));
				if (parsed.success) handler(parsed.data);
				else log('warn', 'bad_access_notice', { payload: payload.slice(0, 200) });
			});
			return () => meta.unlisten();
		},

		/** Waits until every queued notice has been sent. */
		async settle() {
			while (sending) await sending;
		}
	};

	function dispatch(payload: string, handlers: DocumentHandlers) {
		const parsed = message.safeParse(parseJson(payload));
		if (!parsed.success) return log('warn', 'bad_notice', { payload: payload.slice(0, 200) });
		const notice = parsed.data;
		if (notice.from === processId) return;
		if (notice.kind === 'stored') return handlers.stored(notice.seq);
		const data = new Uint8Array(Buffer.from(notice.data, 'base64'));
		if (notice.kind === 'update') handlers.update(data);
		else handlers.awareness(data);
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
