import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import type { Access as DocumentAccess } from '../documents/documents.ts';
import type { Log } from './logging.ts';

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
	/** The socket under `ws` (the upgrade's), to hold its writes until the turn ends; see send. */
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

export function send(peer: Peer, data: Uint8Array, log: Log): void {
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
	hold(peer.socket);
	peer.ws.send(data);
}

// Every message a turn of the event loop sends to one socket leaves in one write (writev) when
// the turn ends (setImmediate: after every socket read in it was handled), rather than one
// system call per message: with a hundred editors, each edit goes to 99 sockets and those
// calls were most of the server's CPU. A quiet turn handles one message, and sends it as before.
const held = new Set<Duplex>();

function hold(socket: Duplex | null): void {
	if (!socket || held.has(socket) || socket.destroyed) return;
	socket.cork();
	held.add(socket);
	if (held.size === 1) setImmediate(release);
}

function release(): void {
	for (const socket of held) socket.uncork();
	held.clear();
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
