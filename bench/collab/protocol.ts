// What the load generator (load.ts) and its worker processes (worker.ts) say to each other over
// the fork's IPC channel: numbered commands, and a reply to each carrying the same number.
import type { ClientKind } from './client.ts';

/** One client: the document it opens, its session (null for the reference) and its key. */
export interface Seat {
	documentId: string;
	token: string | null;
	key: string;
	/** The Origin the lean client sends: the app's own, when it is not the collab tests' server. */
	origin?: string;
}

export type Command = { id: number } & (
	| {
			type: 'connect';
			client: ClientKind;
			url: string;
			group: string;
			seats: Seat[];
			batch: number;
	  }
	| { type: 'clock' }
	| { type: 'type'; group: string; from: number; to: number; intervalMs: number }
	| { type: 'report' }
	| { type: 'write'; chars: number }
	| { type: 'disconnect' }
);
/** A command before load.ts numbers it. */
export type CommandBody = Command extends infer C
	? C extends Command
		? Omit<C, 'id'>
		: never
	: never;

export interface WorkerReport {
	sent: [string, number][];
	/** Keystrokes due in the typing window, and those sent within one interval of it. */
	ticks: { due: number; onTime: number };
	received: [string, number][];
	histogram: [number, number][];
	cpuSeconds: number;
	eventLoopDelayMs: { p99: number; max: number };
	/** Connections the server closed (a rate limit, a slow client) since they connected. */
	serverCloses: number;
	rssMb: number;
}

export interface Reply {
	id: number;
	error?: string;
	connectMs?: number[];
	failed?: number;
	receivedAt?: number;
	report?: WorkerReport;
}
