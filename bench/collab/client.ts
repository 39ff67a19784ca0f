// The load generator's two kinds of client, both speaking y-websocket's protocol with a real
// Y.Doc for their own edits:
// - "provider": y-websocket's WebsocketProvider, as the browser runs it (through the collab
//   tests' socket that sends the session cookie and Origin). Every edit that arrives is applied.
// - "lean": the same protocol over a plain socket, sending exactly what the provider sends
//   (sync step 1 and its awareness on open, answers to the server's sync step 1, its edits, the
//   awareness renewal), but edits from others are only decoded to read their send time, not
//   applied. Applying costs ~50 µs an update here; at 100 editors × 5 edits/s every client
//   receives 495 updates a second, ~2.5 cores for the generator alone on a 2-core machine.
//   The server cannot tell the two apart, so its share of the figures is the same.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../src/lib/collab/protocol.ts';
import { connect } from '../../src/lib/server/collab/testing/clients.ts';
import { ORIGIN } from '../../src/lib/server/collab/testing/fixtures.ts';

export type ClientKind = 'provider' | 'lean';

/** Each client's latest send time, written with every edit under its key in this map. */
export const MARKS = 'bench-marks';

/** A mark carries its key too: a map entry's later values are encoded without it. */
export interface Mark {
	k: string;
	t: number;
}

const isMark = (value: unknown): value is Mark =>
	typeof value === 'object' && value !== null && 'k' in value && 't' in value;

export interface LoadClient {
	doc: Y.Doc;
	/** Resolves once the server's state has been received (the provider's 'sync'). */
	synced: Promise<void>;
	/** Close codes from the server, in order. */
	closes: number[];
	destroy(): void;
}

export function loadClient(
	kind: ClientKind,
	url: string,
	seat: { documentId: string; token: string | null; origin?: string },
	onMark: (mark: Mark) => void
): LoadClient {
	return kind === 'provider' ? providerClient(url, seat, onMark) : leanClient(url, seat, onMark);
}

function providerClient(
	url: string,
	seat: { documentId: string; token: string | null; origin?: string },
	onMark: (mark: Mark) => void
): LoadClient {
	const client = connect(url, seat.documentId, { token: seat.token, origin: seat.origin });
	const marks = client.doc.getMap<Mark>(MARKS);
	marks.observe((event, transaction) => {
		if (transaction.local) return;
		for (const key of event.keysChanged) {
			const mark = marks.get(key);
			if (isMark(mark)) onMark(mark);
		}
	});
	const synced = new Promise<void>((resolve) => client.provider.once('sync', () => resolve()));
	return { doc: client.doc, synced, closes: client.closes, destroy: () => client.destroy() };
}

const frame = (write: (encoder: encoding.Encoder) => void) => {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
};

/** y-websocket's sync and awareness messages, sent over `ws` while it is open. */
function sender(ws: WebSocket, awareness: awarenessProtocol.Awareness) {
	const send = (data: Uint8Array) => ws.readyState === WebSocket.OPEN && ws.send(data);
	return {
		sync: (write: (encoder: encoding.Encoder) => void) =>
			send(
				frame((e) => {
					encoding.writeVarUint(e, MessageType.sync);
					write(e);
				})
			),
		awareness: (clients: number[]) =>
			send(
				frame((e) => {
					encoding.writeVarUint(e, MessageType.awareness);
					encoding.writeVarUint8Array(
						e,
						awarenessProtocol.encodeAwarenessUpdate(awareness, clients)
					);
				})
			)
	};
}

interface Receiver {
	doc: Y.Doc;
	ws: WebSocket;
	out: ReturnType<typeof sender>;
	onSynced: () => void;
	onMark: (mark: Mark) => void;
}

/** A message from the server: its sync step 1 is answered and its state applied (the first
 * sync), but others' edits are only read for their marks; awareness is not shown. */
function receive(data: Buffer, r: Receiver): void {
	const decoder = decoding.createDecoder(new Uint8Array(data));
	if (decoding.readVarUint(decoder) !== MessageType.sync) return;
	const kind = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	if (kind === syncProtocol.messageYjsSyncStep1) {
		r.out.sync((e) => syncProtocol.writeSyncStep2(e, r.doc, payload));
	} else if (kind === syncProtocol.messageYjsSyncStep2) {
		Y.applyUpdate(r.doc, payload, r.ws);
		r.onSynced();
	} else {
		readMarks(payload, r.onMark);
	}
}

function leanClient(
	url: string,
	seat: { documentId: string; token: string | null; origin?: string },
	onMark: (mark: Mark) => void
): LoadClient {
	const headers: Record<string, string> = { origin: seat.origin ?? ORIGIN };
	if (seat.token) headers.cookie = `erfa_session=${seat.token}`;
	const ws = new WebSocket(`${url}/${seat.documentId}`, { headers });
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	const closes: number[] = [];
	const out = sender(ws, awareness);
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== ws) out.sync((e) => syncProtocol.writeUpdate(e, update));
	});
	awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) =>
		out.awareness([...added!, ...updated!, ...removed!])
	);
	let onSynced = () => {};
	const synced = new Promise<void>((resolve) => (onSynced = resolve));
	ws.on('open', () => {
		out.sync((e) => syncProtocol.writeSyncStep1(e, doc));
		out.awareness([doc.clientID]);
	});
	ws.on('message', (data: Buffer) => receive(data, { doc, ws, out, onSynced, onMark }));
	ws.on('error', () => undefined);
	ws.on('close', (code) => closes.push(code));
	const destroy = () => {
		awareness.destroy();
		ws.close();
		doc.destroy();
	};
	return { doc, synced, closes, destroy };
}

/** The marks in an update, read without applying it. */
function readMarks(update: Uint8Array, onMark: (mark: Mark) => void): void {
	for (const struct of Y.decodeUpdate(update).structs) {
		if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
		const value: unknown = struct.content.arr[0];
		if (isMark(value)) onMark(value);
	}
}
