import type { Concern, Connecting, Refusal } from './hooks.ts';
import type { Peer } from './peer.ts';
import type { Room } from './room.ts';

// The collaboration server logs one JSON line per event, so a log collector can count refusals,
// limit violations and persistence failures without parsing prose. Never the content, never a
// session token: only ids, codes and sizes. The concerns log what they decide themselves; this
// one logs connections coming and going.

export type Level = 'info' | 'warn' | 'error';

export type Fields = Record<string, string | number | boolean | null | undefined>;

export type Log = (level: Level, event: string, fields?: Fields) => void;

/** A logger writing to `sink` (one line per call); standard output by default. */
export function createLog(sink: (line: string) => void = (line) => console.log(line)): Log {
	return (level, event, fields = {}) => {
		sink(
			JSON.stringify({ time: new Date().toISOString(), level, event: `collab.${event}`, ...fields })
		);
	};
}

/** The message of anything thrown, for a log field. */
export const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class Logging implements Concern {
	readonly name = 'logging';
	private log: Log;

	constructor(log: Log) {
		this.log = log;
	}

	onRefuse(connection: Connecting, refusal: Refusal): void {
		this.log('warn', 'refused', {
			document: connection.documentId,
			code: refusal.code,
			reason: refusal.reason
		});
	}

	onJoin(room: Room, peer: Peer): void {
		this.log('info', 'connected', {
			document: room.id,
			user: peer.user?.id,
			access: peer.access,
			connections: room.peers.size
		});
	}

	onClose(room: Room, peer: Peer, code: number): void {
		this.log('info', 'disconnected', { document: room.id, user: peer.user?.id, code });
	}
}
