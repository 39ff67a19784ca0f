import type { WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import type { LimitValues } from './limits.ts';
import type { Log } from './logging.ts';
import { closePeer, type Peer } from './peer.ts';
import type { Room } from './room.ts';

// Wires one accepted websocket to its room: the rate limit before anything is read, binary
// messages only, a ping to find connections that died without closing, and leaving the room
// when the socket closes.

export interface ConnectionContext {
	log: Log;
	limits: LimitValues;
	pingIntervalMs: number;
	/** Called once the socket has closed and the peer has left its room. */
	onGone: (peer: Peer) => void;
}

export function serveConnection(ws: WebSocket, room: Room, peer: Peer, ctx: ConnectionContext) {
	const { log } = ctx;
	let alive = true;
	const ping = setInterval(() => {
		if (!alive) return ws.terminate();
		alive = false;
		ws.ping();
	}, ctx.pingIntervalMs);

	ws.on('pong', () => (alive = true));
	ws.on('message', (data: Buffer, isBinary: boolean) => {
		if (peer.closed) return;
		if (!peer.bucket.take()) return closePeer(peer, CloseCode.rateLimited, 'rate limited', log);
		if (!isBinary) return closePeer(peer, CloseCode.badMessage, 'text message', log);
		const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		const verdict = room.receive(peer, bytes);
		if (verdict) closePeer(peer, verdict.code, verdict.reason, log);
	});
	ws.on('error', (error: Error & { code?: string }) => {
		const tooLarge = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
		log('warn', tooLarge ? 'message_too_large' : 'socket_error', {
			document: peer.documentId,
			user: peer.user?.id,
			error: error.message
		});
	});
	ws.on('close', (code: number) => {
		clearInterval(ping);
		peer.closed = true;
		room.leave(peer);
		log('info', 'disconnected', { document: peer.documentId, user: peer.user?.id, code });
		ctx.onGone(peer);
	});
	room.join(peer);
	log('info', 'connected', {
		document: peer.documentId,
		user: peer.user?.id,
		access: peer.access,
		connections: room.peers.size
	});
}
