import { CloseCode } from '../../collab/protocol.ts';
import type { Concern, Connecting, Refusal } from './hooks.ts';
import type { LimitValues } from './limits.ts';
import type { Log } from './logging.ts';
import type { Peer } from './peer.ts';
import type { Room } from './room.ts';

// How many connections the process takes, and from whom, so that nobody can lock others out of
// a document: a document holds maxConnectionsPerDocument, of which readers (read-only members,
// signed-out visitors) may take only readerShare, the rest being kept for its editors; one person
// may hold only a few connections per document and per process, and signed-out connections are
// counted by address the same way. Everything is counted again right before the connection
// joins (beforeJoin), when nothing can come between the count and the join; the per-process
// counts are also checked before the document is loaded, so a flood costs no loading.

type Who = Pick<Connecting, 'user' | 'access' | 'address'>;

/** Whose connections count together: a person's, else a signed-out address's. */
const sourceOf = (who: Who) => (who.user ? `user:${who.user.id}` : `address:${who.address}`);

export class Capacity implements Concern {
	readonly name = 'capacity';
	private limits: LimitValues;
	private log: Log;
	/** Open connections in this process, by source. */
	private open = new Map<string, number>();

	constructor(limits: LimitValues, log: Log) {
		this.limits = limits;
		this.log = log;
	}

	onConnect(connection: Connecting): Refusal | null {
		return this.processRefusal(connection);
	}

	beforeJoin(room: Room, connection: Connecting): Refusal | null {
		return this.processRefusal(connection) ?? this.documentRefusal(room, connection);
	}

	onJoin(_room: Room, peer: Peer): void {
		const source = sourceOf(peer);
		this.open.set(source, (this.open.get(source) ?? 0) + 1);
	}

	onClose(_room: Room, peer: Peer): void {
		const source = sourceOf(peer);
		const left = (this.open.get(source) ?? 1) - 1;
		if (left > 0) this.open.set(source, left);
		else this.open.delete(source);
	}

	private processRefusal(who: Connecting): Refusal | null {
		const max = who.user
			? this.limits.maxConnectionsPerPersonInProcess
			: this.limits.maxAnonymousPerAddressInProcess;
		const count = this.open.get(sourceOf(who)) ?? 0;
		return count < max ? null : this.refuse(who, 'too many connections in process', count);
	}

	private documentRefusal(room: Room, who: Connecting): Refusal | null {
		const { maxConnectionsPerDocument, readerShare } = this.limits;
		const source = sourceOf(who);
		let [readers, same] = [0, 0];
		for (const peer of room.peers) {
			if (peer.reader) readers++;
			if (sourceOf(peer) === source) same++;
		}
		if (room.peers.size >= maxConnectionsPerDocument) {
			return { code: CloseCode.documentFull, reason: 'document full' };
		}
		const reader = who.access !== 'write' || !who.user;
		if (reader && readers >= Math.floor(maxConnectionsPerDocument * readerShare)) {
			return this.refuse(who, 'readers full', readers, CloseCode.readersFull);
		}
		const max = who.user ? this.limits.maxConnectionsPerPerson : this.limits.maxAnonymousPerAddress;
		return same < max ? null : this.refuse(who, 'too many connections', same);
	}

	private refuse(
		who: Connecting,
		why: string,
		count: number,
		code: number = CloseCode.tooManyConnections
	): Refusal {
		this.log('warn', 'connection_limit', {
			document: who.documentId,
			// Never the address: it identifies a person as much as a name does.
			user: who.user?.id,
			access: who.access,
			reason: why,
			count
		});
		return { code, reason: why };
	}
}
