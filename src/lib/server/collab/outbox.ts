import type { Duplex } from 'node:stream';

// How the server's messages reach the clients' sockets, cheaply enough for a hundred editors in
// one document, where every edit goes to 99 sockets:
// - a message is framed once (a WebSocket binary frame, as ws would frame it), and that one
//   buffer is written to every socket it goes to, instead of ws framing it again for each;
// - what one turn of the event loop writes to a socket leaves in one system call (writev) when
//   the turn ends (setImmediate: after every socket read in it was handled), instead of one
//   call per message. A quiet turn handles one message, and it leaves as before.
// Only open connections are written to (peer.ts checks); ws keeps handling everything else
// (reading, pings, the closing handshake). It sends nothing else while a connection is open, as
// the server uses no compression: its frames and these never interleave.

/** One message to one or many connections; framed on first use. */
export class Outgoing {
	readonly data: Uint8Array;
	private framed: Buffer | null = null;

	constructor(data: Uint8Array) {
		this.data = data;
	}

	get frame(): Buffer {
		this.framed ??= frame(this.data);
		return this.framed;
	}
}

/** A final, unmasked binary frame holding `data` (RFC 6455, 5.2). */
export function frame(data: Uint8Array): Buffer {
	const length = data.byteLength;
	const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const framed = Buffer.allocUnsafe(header + length);
	framed[0] = 0x82; // FIN, opcode 2 (binary)
	if (header === 2) framed[1] = length;
	else if (header === 4) {
		framed[1] = 126;
		framed.writeUInt16BE(length, 2);
	} else {
		framed[1] = 127;
		framed.writeBigUInt64BE(BigInt(length), 2);
	}
	framed.set(data, header);
	return framed;
}

/** A held socket's writes leave at once past this many bytes (memory stays bounded). */
const MAX_HELD_BYTES = 64 * 1024;

const held = new Set<Duplex>();

/** Writes `framed` to `socket`, holding it until the end of this turn. */
export function write(socket: Duplex, framed: Buffer): void {
	if (!socket.writable) return; // gone: ws closes the connection
	if (!held.has(socket)) {
		socket.cork();
		held.add(socket);
		if (held.size === 1) setImmediate(release);
	} else if (socket.writableLength > MAX_HELD_BYTES) {
		socket.uncork();
		socket.cork();
	}
	socket.write(framed);
}

function release(): void {
	for (const socket of held) socket.uncork();
	held.clear();
}
