import { WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import type { Access, Person } from './auth.ts';
import { identityOf, type AwarenessUser } from './awareness.ts';
import { TokenBucket, type LimitValues } from './limits.ts';
import type { Log } from './logging.ts';

// One open websocket on one document, with what the server knows about the person behind it.
// `access` may change while it is open (rights re-checked); `closed` is set the moment the
// server decides to close it, so nothing more is sent to it or accepted from it.

export interface Peer {
	ws: WebSocket;
	documentId: string;
	/** Null: a signed-out reader of a public document. */
	user: Person | null;
	/** The session token, to check the session again later. */
	token: string | null;
	access: Access;
	identity: AwarenessUser | null;
	/** Awareness client ids this connection introduced (removed when it leaves). */
	awarenessIds: Set<number>;
	bucket: TokenBucket;
	closed: boolean;
}

/** Beyond this much unsent data the client is not keeping up; dropping it protects memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export function createPeer(
	ws: WebSocket,
	documentId: string,
	who: { user: Person | null; token: string | null; access: Access },
	limits: LimitValues
): Peer {
	return {
		ws,
		documentId,
		user: who.user,
		token: who.token,
		access: who.access,
		identity: who.user ? identityOf(who.user) : null,
		awarenessIds: new Set(),
		bucket: new TokenBucket(limits.messagesPerSecond, limits.messageBurst),
		closed: false
	};
}

export function send(peer: Peer, data: Uint8Array, log: Log): void {
	if (peer.closed || peer.ws.readyState !== WebSocket.OPEN) return;
	if (peer.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
		log('warn', 'slow_client', { document: peer.documentId, user: peer.user?.id });
		peer.closed = true;
		peer.ws.terminate();
		return;
	}
	peer.ws.send(data);
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
