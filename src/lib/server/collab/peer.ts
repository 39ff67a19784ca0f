import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import type { Access as DocumentAccess } from '../documents/documents.ts';
import type { Log } from './logging.ts';
import { Outgoing, write } from './outbox.ts';

// One open websocket on one document, with what the server knows about the person behind it.
// `access` may change while it is open (rights re-checked); `closed` is set the moment the
// server decides to close it, so nothing more is sent to it or accepted from it. What a concern
// keeps about a connection it keeps itself (a WeakMap keyed by the Peer).

export type Access = DocumentAccess;

export interface Person {
	id: string;
	name: string;
}

/** Unsent bytes a connection may have queued: an editor's, and a reader's. */
export interface SendLimits {
	maxBufferedBytes: number;
	maxReaderBufferedBytes: number;
}

export class Peer {
	ws: WebSocket;
	documentId: string;
	/** Null: a signed-out reader of a public document. */
	user: Person | null;
	/** The session token, to check the session again later. */
	token: string | null;
	access: Access;
	/** The client's address (see request.ts). */
	address: string;
	closed = false;
	sendLimits: SendLimits;
	/** The socket under `ws` (the upgrade's), written to directly (outbox.ts); null in tests. */
	socket: Duplex | null;

	constructor(
		ws: WebSocket,
		documentId: string,
		who: {
			user: Person | null;
			token: string | null;
			access: Access;
			address?: string;
			socket?: Duplex;
		},
		sendLimits: SendLimits
	) {
		this.ws = ws;
		this.documentId = documentId;
		this.user = who.user;
		this.token = who.token;
		this.access = who.access;
		this.address = who.address ?? '';
		this.socket = who.socket ?? null;
		this.sendLimits = sendLimits;
	}

	/** Whether it may only read: a read-only member or a signed-out visitor. */
	get reader(): boolean {
		return this.access !== 'write' || !this.user;
	}
}

export const createPeer = (...args: ConstructorParameters<typeof Peer>) => new Peer(...args);

/** Whether a change's or awareness update's origin is a connection (not REMOTE, not y-protocols). */
export const isPeer = (origin: unknown): origin is Peer => origin instanceof Peer;

/** Sends a message to one connection; one going to many is an Outgoing (framed once). */
export function send(peer: Peer, message: Uint8Array | Outgoing, log: Log): void {
	if (peer.closed || peer.ws.readyState !== WebSocket.OPEN) return;
	const { maxBufferedBytes, maxReaderBufferedBytes } = peer.sendLimits;
	// Beyond this the client is not keeping up (or asks for more than it reads): dropping it
	// protects memory. It is terminated, not closed: it would not read a close frame either.
	if (peer.ws.bufferedAmount > (peer.reader ? maxReaderBufferedBytes : maxBufferedBytes)) {
		log('warn', 'slow_client', {
			document: peer.documentId,
			user: peer.user?.id,
			access: peer.access,
			buffered: peer.ws.bufferedAmount
		});
		peer.closed = true;
		peer.ws.terminate();
		return;
	}
	const out = message instanceof Outgoing ? message : new Outgoing(message);
	if (peer.socket) write(peer.socket, out.frame);
	else peer.ws.send(out.data);
}

/** Closes with `code`; logs why. Safe to call more than once. */
export function closePeer(peer: Peer, code: number, why: string, log: Log): void {
	if (peer.closed) return;
	peer.closed = true;
	log(code === CloseCode.restarting ? 'info' : 'warn', 'close', {
		document: peer.documentId,
		user: peer.user?.id,
		code,
		reason: why
	});
	peer.ws.close(code, why);
}
