import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../collab/protocol.ts';
import {
	DROP,
	firstVerdict,
	REMOTE,
	type AwarenessChange,
	type Concern,
	type Connecting,
	type Origin,
	type Refusal,
	type Verdict
} from './hooks.ts';
import { reason, type Log } from './logging.ts';
import { badMessage } from './messages.ts';
import { closePeer, type Peer } from './peer.ts';

// One loaded document: its Y.Doc and awareness and the connections on it. The room decides
// nothing itself: it runs the concerns' hooks (hooks.ts) in the order of their list, for what its
// connections send and for what happens to the document.

export interface RoomContext {
	log: Log;
	concerns: readonly Concern[];
}

/** The document does not exist (any more): an onLoad throws it, the upgrade is refused. */
export class NotFoundError extends Error {}

export class Room {
	id: string;
	peers = new Set<Peer>();
	doc = new Y.Doc({ gc: true });
	awareness: awarenessProtocol.Awareness;
	/** Every onLoad has run: changes now reach the hooks; earlier ones were the stored state. */
	ready = false;
	destroyed = false;
	private concerns: readonly Concern[];
	private handlers = new Map<number, Concern>();
	private waiting: (() => void)[] = [];
	private log: Log;

	/** Runs every onLoad in order; the room is ready once they all resolved. */
	static async open(ctx: RoomContext, id: string): Promise<Room> {
		const room = new Room(ctx, id);
		try {
			for (const concern of ctx.concerns) await concern.onLoad?.(room);
			room.ready = true;
			for (const replay of room.waiting.splice(0)) replay();
			return room;
		} catch (error) {
			await room.destroy();
			throw error;
		}
	}

	constructor(ctx: RoomContext, id: string) {
		this.id = id;
		this.log = ctx.log;
		this.concerns = ctx.concerns;
		for (const concern of this.concerns) {
			for (const type of concern.messageTypes ?? []) {
				if (!this.handlers.has(type)) this.handlers.set(type, concern);
			}
		}
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (!this.ready) return;
			for (const concern of this.concerns) concern.onChange?.(this, update, origin as Origin);
		});
		this.awareness.on('update', (changes: Omit<AwarenessChange, 'update'>, origin: unknown) => {
			const clients = [...changes.added, ...changes.updated, ...changes.removed];
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
			const change = { ...changes, update };
			for (const concern of this.concerns) concern.onAwareness?.(this, change, origin);
		});
	}

	/** Runs `run` now when the room is ready, else once it is (what arrives while it loads). */
	whenReady(run: () => void): void {
		if (this.ready) run();
		else this.waiting.push(run);
	}

	/** Whether `connection` may join (beforeJoin); synchronous, right before it joins. */
	admit(connection: Connecting): Refusal | null {
		return firstVerdict(this.concerns, (c) => c.beforeJoin?.(this, connection));
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		for (const concern of this.concerns) concern.onJoin?.(this, peer);
	}

	leave(peer: Peer, code: number): void {
		if (!this.peers.delete(peer)) return;
		for (const concern of this.concerns) concern.onClose?.(this, peer, code);
	}

	/** Handles one frame from a client; a verdict closes its connection. */
	receive(peer: Peer, data: Uint8Array, isBinary = true): Refusal | null {
		try {
			const early = firstVerdict(this.concerns, (c) => c.beforeMessage?.(this, peer, data));
			if (early) return early === DROP ? null : early;
			if (!isBinary) return { code: CloseCode.badMessage, reason: 'text message' };
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			const handler = this.handlers.get(type);
			if (!handler) return badMessage('type');
			return handler.onMessage?.(this, peer, { type, decoder }) ?? null;
		} catch (error) {
			return badMessage(reason(error));
		}
	}

	/**
	 * A client's edit: the beforeChange hooks, then parsed whole before it touches the document
	 * (a malformed one changes nothing; throws), then applied with the peer as origin.
	 */
	applyLocal(peer: Peer, update: Uint8Array): Refusal | null {
		const verdict: Verdict = firstVerdict(this.concerns, (c) =>
			c.beforeChange?.(this, peer, update)
		);
		if (verdict) return verdict === DROP ? null : verdict;
		Y.decodeUpdate(update);
		Y.applyUpdate(this.doc, update, peer);
		return null;
	}

	/** A change from another process or the store; a failure is logged, not thrown. */
	applyRemote(update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, REMOTE);
		} catch (error) {
			this.log('error', 'remote_update_failed', { document: this.id, error: reason(error) });
		}
	}

	closeAll(code: number, why: string): void {
		for (const peer of this.peers) closePeer(peer, code, why, this.log);
	}

	/** Runs every onUnload (each one, whatever the others say); false: keep it loaded. */
	async unload(): Promise<boolean> {
		let done = true;
		for (const concern of this.concerns) {
			try {
				if ((await concern.onUnload?.(this)) === false) done = false;
			} catch (error) {
				done = false;
				this.log('error', 'unload_failed', { document: this.id, error: reason(error) });
			}
		}
		return done;
	}

	async destroy(): Promise<void> {
		if (this.destroyed) return;
		this.destroyed = true;
		for (const concern of this.concerns) {
			try {
				await concern.onDestroy?.(this);
			} catch (error) {
				this.log('error', 'destroy_failed', { document: this.id, error: reason(error) });
			}
		}
		this.awareness.destroy();
		this.doc.destroy();
	}
}
