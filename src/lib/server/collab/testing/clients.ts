import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, type ClientOptions } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { FRAGMENT, MessageType } from '../../../collab/protocol.ts';
import { ORIGIN } from './fixtures.ts';

// Clients for the collab tests: the real y-websocket provider (what the browser runs), given
// the session cookie and Origin through a `ws` subclass, and a raw socket for exact frames.

export interface Credentials {
	token?: string | null;
	origin?: string;
	/** Connect from this loopback address (127.0.0.2, …): another client address. */
	localAddress?: string;
}

function headers({ token, origin = ORIGIN }: Credentials): Record<string, string> {
	return { origin, ...(token ? { cookie: `other=1; erfa_session=${token}` } : {}) };
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes the server sent, in order. */
	closes: number[];
	/** The paragraphs' text, in order. */
	lines(): string[];
	addLine(text: string, at?: number): void;
	synced(): boolean;
	destroy(): void;
}

export function connect(url: string, documentId: string, credentials: Credentials = {}): Client {
	const options: ClientOptions = { headers: headers(credentials) };
	class CookieSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, options);
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, documentId, doc, {
		WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
		// Node has BroadcastChannel: in-process clients would otherwise sync past the server.
		disableBc: true,
		maxBackoffTime: 300
	});
	const closes: number[] = [];
	provider.on('connection-close', (event) => event && closes.push(event.code));
	const fragment = doc.getXmlFragment(FRAGMENT);
	return {
		doc,
		provider,
		closes,
		lines: () => linesOf(doc),
		addLine(text, at = fragment.length) {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			fragment.insert(Math.min(at, fragment.length), [paragraph]);
		},
		synced: () => provider.synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function linesOf(doc: Y.Doc): string[] {
	return doc
		.getXmlFragment(FRAGMENT)
		.toArray()
		.map((node) => (node instanceof Y.XmlElement ? node.toArray().join('') : ''));
}

export interface RawClient {
	ws: WebSocket;
	received: Uint8Array[];
	opened: Promise<void>;
	closed: Promise<number>;
	send(data: Uint8Array): void;
	/** Sends sync step 1 and waits for the answer: everything sent before has been handled. */
	roundTrip(): Promise<void>;
}

/** A plain websocket speaking the protocol by hand, for exact frames and refusals. */
export function raw(url: string, documentId: string, credentials: Credentials = {}): RawClient {
	const ws = new WebSocket(`${url}/${documentId}`, {
		headers: headers(credentials),
		localAddress: credentials.localAddress
	});
	const received: Uint8Array[] = [];
	const waiters: (() => void)[] = [];
	ws.on('message', (data: Buffer) => {
		received.push(new Uint8Array(data));
		waiters.splice(0).forEach((wake) => wake());
	});
	ws.on('error', () => undefined);
	const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
	const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
	const send = (data: Uint8Array) => ws.send(data);
	return {
		ws,
		received,
		opened,
		closed,
		send,
		async roundTrip() {
			const before = received.length;
			send(message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
			while (!received.slice(before).some(isSyncStep2)) {
				await new Promise<void>((resolve) => waiters.push(resolve));
			}
		}
	};
}

export function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export const updateMessage = (update: Uint8Array) =>
	message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));

function isSyncStep2(data: Uint8Array): boolean {
	const decoder = decoding.createDecoder(data);
	return (
		decoding.readVarUint(decoder) === MessageType.sync &&
		decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
	);
}
