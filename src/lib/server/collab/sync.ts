import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../collab/protocol.ts';
import type { Concern, Message, Origin } from './hooks.ts';
import type { Log } from './logging.ts';
import * as messages from './messages.ts';
import { Outgoing } from './outbox.ts';
import { send, type Peer } from './peer.ts';
import type { Room } from './room.ts';

// Yjs's sync protocol, as y-websocket speaks it: a client's state vector is answered with what
// it lacks, its edits go through the beforeChange hooks into the document, and every change, from
// wherever it came, goes to this process's other clients.

export class Sync implements Concern {
	readonly name = 'sync';
	readonly messageTypes = [MessageType.sync];
	private log: Log;

	constructor(log: Log) {
		this.log = log;
	}

	onJoin(room: Room, peer: Peer): void {
		// Writers and suggesters are asked for their state (what they did offline): whatever a
		// reader sends is dropped anyway.
		if (peer.access !== 'read') send(peer, messages.syncStep1(room.doc), this.log);
	}

	onMessage(room: Room, peer: Peer, { decoder }: Message) {
		const { kind, data } = messages.readPayload(decoder, true);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			Y.decodeStateVector(data); // throws when malformed
			send(peer, messages.syncStep2(room.doc, data), this.log);
			return null;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
			return messages.badMessage('sync type');
		}
		return room.applyLocal(peer, data);
	}

	onChange(room: Room, update: Uint8Array, origin: Origin): void {
		const message = new Outgoing(messages.update(update));
		for (const peer of room.peers) if (peer !== origin) send(peer, message, this.log);
	}
}
