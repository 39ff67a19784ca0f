import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Sql } from 'postgres';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import { authorize, documentIdOf } from './auth.ts';
import { serveConnection } from './connection.ts';
import { createFanout } from './fanout.ts';
import { resolveLimits, type LimitValues } from './limits.ts';
import { createLog, reason, type Log } from './logging.ts';
import { createPeer } from './peer.ts';
import type { PersistenceTimings } from './persistence.ts';
import { createRechecks } from './rechecks.ts';
import { NotFoundError } from './room.ts';
import { createRooms } from './rooms.ts';

// The real-time collaboration server: y-websocket's protocol at /collab/<document id> on the
// app's own HTTP server, with rights from the session cookie and the database, persistence in
// PostgreSQL and fan-out between processes over LISTEN/NOTIFY. All state lives in the object
// attachCollab returns; nothing is kept at module level.

export interface CollabOptions extends Partial<PersistenceTimings> {
	/** The privileged pool (its own: LISTEN takes one connection of it for good). */
	sql: Sql;
	/** Origins allowed to open the websocket: the app's ORIGIN. */
	origins: readonly string[];
	/** Where the JSON log lines go; standard output when omitted. */
	log?: Log;
	/** Unload a document this long after its last connection left. */
	unloadDelayMs?: number;
	/**
	 * Check every connection's session and rights again this often: a logged-out session stops
	 * editing, and a rights change whose notice was missed (connection lost) still takes effect.
	 */
	recheckMs?: number;
	/** Ping clients this often; one that has not answered the previous ping is dropped. */
	pingIntervalMs?: number;
	limits?: Partial<LimitValues>;
}

export interface Collab {
	/** Resolves once the server listens for rights changes (tests wait for it). */
	ready: Promise<void>;
	/** Stores everything, closes every connection with CloseCode.restarting, stops. */
	close(): Promise<void>;
	stats(): { documents: number; connections: number };
}

export const defaultTimings: PersistenceTimings = {
	batchDelayMs: 200,
	contentDelayMs: 2000,
	contentMaxWaitMs: 10_000,
	compactAfterUpdates: 100,
	idleCompactMs: 30_000
};

export function attachCollab(server: Server, options: CollabOptions): Collab {
	const { sql, origins } = options;
	const log = options.log ?? createLog();
	const limits = resolveLimits(options.limits);
	const timings = { ...defaultTimings, ...definedOnly(options) };
	timings.batchDelayMs = Math.min(timings.batchDelayMs, 200);
	const fanout = createFanout(sql, log);
	const rooms = createRooms({ sql, fanout, log, limits, timings }, options.unloadDelayMs ?? 10_000);
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
	const rechecks = createRechecks(sql, rooms, log);
	const upgrades = new Set<Promise<void>>();
	let closing = false;

	const refuse = (
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		code: number,
		why: string
	) => {
		log('warn', 'refused', { document: documentIdOf(req.url), code, reason: why });
		if (socket.destroyed) return;
		try {
			// Upgrade, then close at once: a browser sees the close code, never an HTTP status.
			wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, why));
		} catch {
			socket.destroy(); // already upgraded: the failure came after
		}
	};

	async function accept(req: IncomingMessage, socket: Duplex, head: Buffer, id: string) {
		const decision = await authorize(sql, req, id, origins);
		if (!decision.ok) return refuse(req, socket, head, decision.code, decision.reason);
		if (closing) return refuse(req, socket, head, CloseCode.restarting, 'restarting');
		const room = await rooms.acquire(id);
		let accepted = false;
		try {
			if (closing) return refuse(req, socket, head, CloseCode.restarting, 'restarting');
			if (room.peers.size >= limits.maxConnectionsPerDocument) {
				return refuse(req, socket, head, CloseCode.documentFull, 'document full');
			}
			if (socket.destroyed) return;
			wss.handleUpgrade(req, socket, head, (ws) => {
				accepted = true;
				const peer = createPeer(ws, id, decision, limits);
				serveConnection(ws, room, peer, {
					log,
					limits,
					pingIntervalMs: options.pingIntervalMs ?? 30_000,
					onGone: () => rooms.release(id)
				});
			});
		} finally {
			if (!accepted) rooms.release(id);
		}
	}

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const id = documentIdOf(req.url);
		if (id === null) return; // not ours (Vite's HMR socket, for one)
		socket.on('error', () => undefined);
		const work = accept(req, socket, head, id)
			.catch((error: unknown) => {
				const missing = error instanceof NotFoundError;
				if (!missing) log('error', 'upgrade_failed', { document: id, error: reason(error) });
				refuse(
					req,
					socket,
					head,
					missing ? CloseCode.notFound : CloseCode.restarting,
					'unavailable'
				);
			})
			.finally(() => upgrades.delete(work));
		upgrades.add(work);
	};
	server.on('upgrade', onUpgrade);

	const stopAccess = fanout.listenAccess((notice) => rechecks.access(notice));
	const sessionTimer = setInterval(() => rechecks.periodic(), options.recheckMs ?? 60_000);
	sessionTimer.unref();

	return {
		ready: stopAccess.then(() => undefined),
		stats: () => ({
			documents: rooms.loaded().length,
			connections: rooms.loaded().reduce((n, room) => n + room.peers.size, 0)
		}),
		async close() {
			if (closing) return;
			closing = true;
			server.off('upgrade', onUpgrade);
			clearInterval(sessionTimer);
			await Promise.allSettled([...upgrades]);
			await rooms.closeAll(CloseCode.restarting, 'restarting');
			await fanout.settle();
			await (await stopAccess.catch(() => null))?.().catch(() => undefined);
			await closed([...wss.clients], CLOSE_GRACE_MS);
			wss.close();
			log('info', 'stopped');
		}
	};
}

/** How long clients get to answer the close frame before their sockets are cut. */
const CLOSE_GRACE_MS = 2000;

async function closed(sockets: WebSocket[], graceMs: number): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const waits = sockets.map((ws) =>
		ws.readyState === ws.CLOSED ? null : new Promise((resolve) => ws.once('close', resolve))
	);
	await Promise.race([
		Promise.all(waits),
		new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))
	]);
	clearTimeout(timer);
	for (const ws of sockets) ws.terminate();
}

/** The timing options that were given (an explicit undefined keeps the default). */
function definedOnly(options: Partial<PersistenceTimings>): Partial<PersistenceTimings> {
	const keys = Object.keys(defaultTimings) as (keyof PersistenceTimings)[];
	return Object.fromEntries(
		keys.flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]]))
	);
}
