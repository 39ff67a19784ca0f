import type { IncomingMessage } from 'node:http';
import type * as decoding from 'lib0/decoding';
import type { Access, Peer, Person } from './peer.ts';
import type { Room } from './room.ts';

// The collaboration server is a short core (rooms.ts keeps documents loaded, room.ts runs one
// document, connection.ts one socket, index.ts the upgrade) and a list of concerns, assembled in
// concerns.ts, each implementing the hooks below that it needs. The core calls a hook on every
// concern that has it, in the order of the list, and does nothing else a concern could do: auth,
// limits, the sync protocol, awareness, fan-out, persistence, rechecks and logging are all
// concerns. A new one (metrics, view tracking, …) is a new file and a line in concerns.ts.
//
// Hooks named before… may veto: their answer (a Verdict) drops the message or closes the
// connection, and the concerns after them are not asked. Hooks named on… are told; they return
// nothing, except onConnect (may refuse), onMessage (may close) and onUnload (may keep the
// document loaded). Everything that runs on a client's message is synchronous, so that what a
// before-hook checked still holds when the change is applied.

/** Refuse a connection, or close it: a CloseCode and a short reason (sent to the client). */
export interface Refusal {
	code: number;
	reason: string;
}

/** A before-hook's answer meaning: drop this message silently, keep the connection. */
export const DROP = Symbol('drop');

/** A before-hook's answer: go on (null), drop the message, or refuse/close with a code. */
export type Verdict = Refusal | typeof DROP | null;

/** Origin of changes that came from another process or from the store (else: the Peer). */
export const REMOTE = Symbol('remote');
export type Origin = Peer | typeof REMOTE;

/** A websocket upgrade being decided: what onConnect and beforeJoin see. */
export interface Connecting {
	readonly documentId: string;
	readonly request: IncomingMessage;
	/** The client's address (see request.ts); signed-out connections are counted by it. */
	readonly address: string;
	/** Set by the concern that authenticates (auth.ts); null: signed out. */
	user: Person | null;
	token: string | null;
	/** Set by the concern that authorizes; still null after onConnect: refused as forbidden. */
	access: Access | null;
}

/** A decoded y-websocket message: its type is read, the rest is in `decoder`. */
export interface Message {
	type: number;
	decoder: decoding.Decoder;
}

/** What the awareness states' change was (y-protocols' event), and its encoded update. */
export interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
	/** The awareness update for every changed client, as sent on the wire. */
	update: Uint8Array;
}

/** The server as a whole, as concerns see it in onStart. */
export interface ServerContext {
	/** The documents loaded now. */
	rooms(): Room[];
}

type Async<T> = T | Promise<T>;

/**
 * One concern of the collaboration server. Hooks, in the order they run in a document's and a
 * connection's life; every one is optional.
 */
export interface Concern {
	/** For logs and errors. */
	readonly name: string;

	/** Once, when the server starts; the server is ready when every onStart has resolved. */
	onStart?(server: ServerContext): Async<void>;

	/**
	 * An upgrade request, before its document is loaded. May set who it is (user, token, access)
	 * or refuse it; nothing of the document has been sent. Async; the first refusal ends it.
	 */
	onConnect?(connection: Connecting): Async<Refusal | null>;

	/**
	 * The document is being loaded (first connection). Runs in order, each awaited; a concern
	 * that reads the state applies it to room.doc with origin REMOTE. A throw fails the load
	 * (NotFoundError: refused as not found). Other processes' changes wait until every onLoad ran
	 * (room.whenReady).
	 */
	onLoad?(room: Room): Promise<void>;

	/**
	 * Synchronous, the document loaded, right before the upgrade completes and the connection
	 * joins: the last chance to refuse it (counted against room.peers, nothing can come between).
	 */
	beforeJoin?(room: Room, connection: Connecting): Refusal | null;

	/** The connection is open and in room.peers; it may be sent what it needs first. */
	onJoin?(room: Room, peer: Peer): void;

	/** Every binary frame from a client, before it is decoded (rate limits): drop or close it. */
	beforeMessage?(room: Room, peer: Peer, data: Uint8Array): Verdict;

	/**
	 * A message of one of `messageTypes` (the first concern listing a type handles it; a type
	 * nobody lists closes the connection as a bad message). May throw on a malformed message.
	 */
	readonly messageTypes?: readonly number[];
	onMessage?(room: Room, peer: Peer, message: Message): Refusal | null;

	/** A client's edit (not yet parsed or applied): drop it (a reader's) or close (too large). */
	beforeChange?(room: Room, peer: Peer, update: Uint8Array): Verdict;

	/** After a change was applied to room.doc: by `origin` (a Peer), or REMOTE. */
	onChange?(room: Room, update: Uint8Array, origin: Origin): void;

	/** After room.awareness changed; `origin` is the Peer, REMOTE, or y-protocols' own. */
	onAwareness?(room: Room, change: AwarenessChange, origin: unknown): void;

	/** The connection closed and has left room.peers. */
	onClose?(room: Room, peer: Peer, code: number): void;

	/**
	 * Refused at the upgrade, by a concern or by the server (restarting, unavailable). Told only:
	 * the refusal is already decided.
	 */
	onRefuse?(connection: Connecting, refusal: Refusal): void;

	/**
	 * No connection has been left for a while, or the server stops: store everything. Answering
	 * false keeps the document loaded and tries again later (ignored when the server stops).
	 */
	onUnload?(room: Room): Promise<boolean>;

	/** The document leaves memory (after onUnload, or after a failed load): let go of it. */
	onDestroy?(room: Room): Async<void>;

	/** Once, when the server stops, after every document was stored and destroyed. */
	onStop?(): Async<void>;
}

/** The first verdict of `ask` over `concerns`, in order; null when none has one. */
export function firstVerdict<V>(
	concerns: readonly Concern[],
	ask: (concern: Concern) => V | null | undefined
): V | null {
	for (const concern of concerns) {
		const verdict = ask(concern);
		if (verdict) return verdict;
	}
	return null;
}
