import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { colorFor } from '../../collab/colors.ts';
import { MessageType } from '../../collab/protocol.ts';
import type { AwarenessChange, Concern, Message } from './hooks.ts';
import type { Log } from './logging.ts';
import * as messages from './messages.ts';
import { Outgoing } from './outbox.ts';
import { send, type Peer } from './peer.ts';
import type { Room } from './room.ts';

export { colorFor };

// Awareness (cursors, selections, who is here) is whatever clients send, so the server rewrites
// the part that names a person: every state's `user` field becomes the session's user. Nobody
// can appear as someone else, and a client controls only the awareness client ids it introduced.
// Signed-out readers are neither shown to anyone nor shown anyone. The wire format is
// y-protocols' awareness update: a count, then per client its id, clock and state as a JSON
// string (null when the client left).

/** Awareness client ids one connection may control (one per tab; a few for safety). */
const MAX_AWARENESS_IDS = 4;

/** What is known of a signed-in connection: who it shows as, the client ids it introduced. */
interface Presence {
	identity: AwarenessUser;
	ids: Set<number>;
}

export class Awareness implements Concern {
	readonly name = 'awareness';
	readonly messageTypes = [MessageType.awareness, MessageType.queryAwareness];
	private log: Log;
	private present = new WeakMap<Peer, Presence>();

	constructor(log: Log) {
		this.log = log;
	}

	onJoin(room: Room, peer: Peer): void {
		if (!peer.user) return;
		this.present.set(peer, { identity: identityOf(peer.user), ids: new Set() });
		this.sendStates(room, peer);
	}

	onMessage(room: Room, peer: Peer, { type, decoder }: Message) {
		if (type === MessageType.queryAwareness) {
			if (decoding.hasContent(decoder)) return messages.badMessage('type');
			this.sendStates(room, peer, true);
			return null;
		}
		const update = messages.readPayload(decoder, false).data;
		const presence = this.present.get(peer);
		if (!presence) return null;
		const states = room.awareness.getStates();
		const { ids } = presence;
		const mayControl = (id: number) =>
			ids.has(id) || (!states.has(id) && ids.size < MAX_AWARENESS_IDS);
		const rewritten = rewriteAwareness(update, presence.identity, mayControl);
		if (rewritten) awarenessProtocol.applyAwarenessUpdate(room.awareness, rewritten, peer);
		return null;
	}

	onAwareness(room: Room, { added, removed, update }: AwarenessChange, origin: unknown): void {
		const ids = room.peers.has(origin as Peer) && this.present.get(origin as Peer)?.ids;
		if (ids) {
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		const message = new Outgoing(messages.awareness(update));
		for (const other of room.peers) {
			if (other !== origin && other.user) send(other, message, this.log);
		}
	}

	onClose(room: Room, peer: Peer): void {
		const ids = this.present.get(peer)?.ids;
		// Its states go, with the closed connection as origin (so fan-out relays the removal).
		if (ids?.size) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], peer);
	}

	/** Every state there is, to a signed-in connection (when asked: even none). */
	private sendStates(room: Room, peer: Peer, asked = false): void {
		const states = [...room.awareness.getStates().keys()];
		if (!peer.user || (!states.length && !asked)) return;
		const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, states);
		send(peer, messages.awareness(update), this.log);
	}
}

/** What other people see of a connected person: the `user` field of an awareness state. */
export interface AwarenessUser {
	id: string;
	name: string;
	/** #rrggbb; cursor plugins append a hex alpha for the selection. */
	color: string;
}

export const identityOf = (user: { id: string; name: string }): AwarenessUser => ({
	id: user.id,
	name: user.name,
	color: colorFor(user.id)
});

/**
 * The awareness update with every state's `user` replaced by `identity`, keeping only the
 * client ids `mayControl` allows. Throws on a malformed update (the caller closes with
 * badMessage); null when nothing is left.
 */
export function rewriteAwareness(
	update: Uint8Array,
	identity: AwarenessUser,
	mayControl: (clientId: number) => boolean
): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: { clientId: number; clock: number; state: string }[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (!mayControl(clientId)) continue;
		entries.push({ clientId, clock, state: JSON.stringify(withUser(state, identity)) });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
	if (!entries.length) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}

function withUser(state: unknown, identity: AwarenessUser): Record<string, unknown> | null {
	if (state === null) return null;
	if (typeof state !== 'object' || Array.isArray(state))
		throw new Error('awareness state is not an object');
	return { ...state, user: identity };
}
