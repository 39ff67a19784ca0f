import type { WebSocket } from 'ws';
import type { Log } from './logging.ts';
import { closePeer, type Peer } from './peer.ts';
import type { Room } from './room.ts';

// Wires one accepted websocket to its room: every message goes to the room (its concerns decide
// what happens to it), a ping finds connections that died without closing, and the connection
// leaves the room when the socket closes.

export interface ConnectionContext {
	log: Log;
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
		const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		const verdict = room.receive(peer, bytes, isBinary);
		if (verdict) closePeer(peer, verdict.code, verdict.reason, log);
	});
	ws.on('error', (error: Error & { code?: string }) => {
		// ws refuses a message over its maxPayload before reading it, and closes with 1009.
		const tooLarge = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
		log('warn', tooLarge ? 'message_too_large' : 'socket_error', {
			document: peer.documentId,
			user: peer.user?.id,
			access: peer.access,
			error: error.message
		});
	});
	ws.on('close', (code: number) => {
		clearInterval(ping);
		peer.closed = true;
		room.leave(peer, code);
		ctx.onGone(peer);
	});
	room.join(peer);
}
