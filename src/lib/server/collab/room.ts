import * as decoding from 'lib0/decoding';
import type { Sql } from 'postgres';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { rewriteAwareness } from './awareness.ts';
import type { DocumentHandlers, Fanout } from './fanout.ts';
import { checkGrowth, type LimitValues } from './limits.ts';
import { reason, type Log } from './logging.ts';
import * as messages from './messages.ts';
import { closePeer, send, type Peer } from './peer.ts';
import { createPersistence, type Persistence, type PersistenceTimings } from './persistence.ts';

// One loaded document: its Y.Doc and awareness, the connections on it, and what they send.
// Clients' edits are checked (well-formed, within the size limit, from someone who may write)
// before they touch the document; once applied they go to the other clients, the store and the
// other processes. Changes relayed from other processes or read from the store only go to this
// process's clients.

/** Origin of changes that came from another process or from the store. */
const REMOTE = Symbol('remote');
/** Origin of awareness removed because its connection closed. */
const LEFT = Symbol('left');
/** Awareness client ids one connection may control (one per tab; a few for safety). */
const MAX_AWARENESS_IDS = 4;
/** Once warned about size, check again only after this much further growth. */
const WARN_STEP = 64 * 1024;

export interface RoomContext {
	sql: Sql;
	fanout: Fanout;
	log: Log;
	limits: LimitValues;
	timings: PersistenceTimings;
}

export type Verdict = { code: number; reason: string } | null;

export class NotFoundError extends Error {}

export class Room {
	id: string;
	groupId: string;
	peers = new Set<Peer>();
	doc = new Y.Doc({ gc: true });
	awareness: awarenessProtocol.Awareness;
	persistence: Persistence;
	ctx: RoomContext;
	/** An upper bound of the encoded document size (see checkGrowth). */
	size = 0;
	sizeCheckAt: number;
	/** The newest stored update read into `doc` (later ones arrive by notice). */
	appliedSeq = 0;
	ready = false;
	destroyed = false;
	waiting: (() => void)[] = [];
	catching: Promise<void> = Promise.resolve();
	unlisten: (() => Promise<void>) | null = null;

	/** Loads the document and starts following the other processes' changes to it. */
	static async open(ctx: RoomContext, id: string): Promise<Room> {
		const [row] = await ctx.sql<{ group_id: string }[]>`
			select group_id from public.documents where id = ${id}`;
		if (!row) throw new NotFoundError(id);
		const room = new Room(ctx, id, row.group_id);
		try {
			// Listen before reading, so nothing stored in between is missed.
			room.unlisten = await ctx.fanout.subscribe(id, room.remoteHandlers());
			const stored = await store.load(ctx.sql, id);
			Y.applyUpdate(room.doc, stored.state, REMOTE);
			room.appliedSeq = stored.seq;
			room.size = stored.state.byteLength;
			room.ready = true;
			for (const replay of room.waiting.splice(0)) replay();
			return room;
		} catch (error) {
			await room.destroy();
			throw error;
		}
	}

	constructor(ctx: RoomContext, id: string, groupId: string) {
		this.ctx = ctx;
		this.id = id;
		this.groupId = groupId;
		this.sizeCheckAt = ctx.limits.warnDocumentBytes;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.persistence = createPersistence(ctx.sql, id, this.doc, ctx.timings, ctx.log);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
		this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) =>
			this.onAwareness(changes, origin)
		);
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		// Only writers are asked for their state: whatever a reader sends is dropped anyway.
		if (peer.access === 'write') send(peer, messages.syncStep1(this.doc), this.ctx.log);
		const states = [...this.awareness.getStates().keys()];
		if (peer.user && states.length) send(peer, this.awarenessMessage(states), this.ctx.log);
	}

	leave(peer: Peer): void {
		if (!this.peers.delete(peer) || !peer.awarenessIds.size) return;
		awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], LEFT);
	}

	/** Handles one message from a client; a verdict closes its connection. */
	receive(peer: Peer, data: Uint8Array): Verdict {
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MessageType.sync) return this.receiveSync(peer, readPayload(decoder, true));
			if (type === MessageType.awareness) {
				return this.receiveAwareness(peer, readPayload(decoder, false).data);
			}
			if (type !== MessageType.queryAwareness || decoding.hasContent(decoder)) return bad('type');
			const states = [...this.awareness.getStates().keys()];
			if (peer.user) send(peer, this.awarenessMessage(states), this.ctx.log);
			return null;
		} catch (error) {
			return bad(reason(error));
		}
	}

	closeAll(code: number, why: string): void {
		for (const peer of this.peers) closePeer(peer, code, why, this.ctx.log);
	}

	async destroy(): Promise<void> {
		if (this.destroyed) return;
		this.destroyed = true;
		this.persistence.stop();
		await this.unlisten?.().catch(() => undefined);
		this.awareness.destroy();
		this.doc.destroy();
	}

	private receiveSync(peer: Peer, { kind, data }: Payload): Verdict {
		if (kind === syncProtocol.messageYjsSyncStep1) {
			Y.decodeStateVector(data); // throws when malformed
			send(peer, messages.syncStep2(this.doc, data), this.ctx.log);
			return null;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
			return bad('sync type');
		}
		// Read-only: the edit is dropped; it never reaches the others or the store.
		if (peer.access !== 'write' || !peer.user) return null;
		return this.applyLocal(peer, data);
	}

	private applyLocal(peer: Peer, update: Uint8Array): Verdict {
		// Parse the whole update before it touches the document, so a malformed one changes nothing.
		Y.decodeUpdate(update);
		const { maxDocumentBytes, warnDocumentBytes } = this.ctx.limits;
		const growth = checkGrowth(this.doc, this.size, update, maxDocumentBytes);
		if (!growth.ok) {
			this.ctx.log('warn', 'document_too_large', { document: this.id, bytes: growth.size });
			return { code: CloseCode.documentTooLarge, reason: 'document too large' };
		}
		Y.applyUpdate(this.doc, update, peer);
		this.size = growth.size;
		if (this.size >= this.sizeCheckAt) {
			this.size = Y.encodeStateAsUpdate(this.doc).byteLength;
			this.sizeCheckAt = Math.max(warnDocumentBytes, this.size + WARN_STEP);
			if (this.size >= warnDocumentBytes) {
				this.ctx.log('warn', 'document_large', { document: this.id, bytes: this.size });
			}
		}
		return null;
	}

	private receiveAwareness(peer: Peer, update: Uint8Array): Verdict {
		// Signed-out readers are not shown to anyone.
		if (!peer.identity) return null;
		const states = this.awareness.getStates();
		const rewritten = rewriteAwareness(
			update,
			peer.identity,
			(id) =>
				peer.awarenessIds.has(id) || (!states.has(id) && peer.awarenessIds.size < MAX_AWARENESS_IDS)
		);
		if (rewritten) awarenessProtocol.applyAwarenessUpdate(this.awareness, rewritten, peer);
		return null;
	}

	private onUpdate(update: Uint8Array, origin: unknown): void {
		if (!this.ready) return;
		const message = messages.update(update);
		for (const peer of this.peers) if (peer !== origin) send(peer, message, this.ctx.log);
		this.persistence.changed();
		const peer = origin as Peer;
		if (!this.peers.has(peer) || !peer.user) return;
		this.persistence.local(update, peer.user.id);
		this.ctx.fanout.update(this.id, update, () => this.persistence.stored());
	}

	private onAwareness({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
		const peer = origin as Peer;
		const local = this.peers.has(peer);
		if (local) {
			for (const id of added) peer.awarenessIds.add(id);
			for (const id of removed) peer.awarenessIds.delete(id);
		}
		const changed = [...added, ...updated, ...removed];
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		const message = messages.awareness(update);
		for (const other of this.peers) {
			if (other !== origin && other.user) send(other, message, this.ctx.log);
		}
		if (local || origin === LEFT) this.ctx.fanout.awareness(this.id, update);
	}

	private awarenessMessage(clients: number[]): Uint8Array {
		return messages.awareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
	}

	private remoteHandlers(): DocumentHandlers {
		const whenReady = (run: () => void) => (this.ready ? run() : this.waiting.push(run));
		return {
			update: (update) => whenReady(() => this.applyRemote(update)),
			awareness: (update) =>
				whenReady(() => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)),
			stored: (seq) => whenReady(() => this.catchUp(seq)),
			relistened: () => whenReady(() => this.catchUp(null))
		};
	}

	private applyRemote(update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, REMOTE);
			this.size += update.byteLength;
		} catch (error) {
			this.ctx.log('error', 'remote_update_failed', { document: this.id, error: reason(error) });
		}
	}

	/**
	 * Reads what the store has beyond `appliedSeq`, and the update a notice announced (`seq`:
	 * sequence numbers are handed out before commit, so it may be below `appliedSeq`).
	 */
	private catchUp(seq: number | null): void {
		this.catching = this.catching
			.then(async () => {
				if (this.destroyed) return;
				const found = await store.since(this.ctx.sql, this.id, this.appliedSeq, seq ?? 0);
				if (this.destroyed) return;
				for (const update of found.updates) this.applyRemote(update);
				this.appliedSeq = Math.max(this.appliedSeq, found.seq);
			})
			.catch((error: unknown) => {
				this.ctx.log('error', 'catch_up_failed', { document: this.id, error: reason(error) });
			});
	}
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };
type Payload = { kind: number; data: Uint8Array };

/** The rest of a sync or awareness message; throws when it is malformed or has trailing bytes. */
function readPayload(decoder: decoding.Decoder, hasKind: boolean): Payload {
	const kind = hasKind ? decoding.readVarUint(decoder) : -1;
	const data = decoding.readVarUint8Array(decoder);
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
	return { kind, data };
}

const bad = (why: string): Verdict => ({
	code: CloseCode.badMessage,
	reason: `bad message: ${why}`.slice(0, 100)
});
