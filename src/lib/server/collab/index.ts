import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Sql } from 'postgres';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../collab/protocol.ts';
import { createConcerns } from './concerns.ts';
import { serveConnection } from './connection.ts';
import type { Concern, Connecting, Refusal } from './hooks.ts';
import { resolveLimits, type LimitValues } from './limits.ts';
import { createLog, reason, type Log } from './logging.ts';
import { createPeer } from './peer.ts';
import { NotFoundError } from './room.ts';
import { Rooms } from './rooms.ts';
import {
	addressSettingsFromEnv,
	clientAddress,
	documentIdOf,
	type AddressSettings
} from './request.ts';
import type { PersistenceTimings } from './storage.ts';

// The real-time collaboration server: y-websocket's protocol at /collab/<document id> on the
// app's own HTTP server, with rights from the session cookie and the database, persistence in
// PostgreSQL and fan-out between processes over LISTEN/NOTIFY, each a concern (concerns.ts)
// on the hooks of hooks.ts. This file takes the upgrades: it asks the concerns whether to let
// each one in, and hands the socket to its room. All state lives in the object attachCollab
// returns; nothing is kept at module level.

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
	/** Where a client's address comes from behind a proxy; adapter-node's variables by default. */
	address?: AddressSettings;
}

export interface Collab {
	/** Resolves once every concern has started (listening for rights changes: tests wait). */
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
	const collab = new CollabServer(server, options);
	return {
		ready: collab.ready,
		stats: () => collab.stats(),
		close: () => collab.close()
	};
}

/** How long clients get to answer the close frame before their sockets are cut. */
const CLOSE_GRACE_MS = 2000;

class CollabServer {
	ready: Promise<void>;
	private server: Server;
	private log: Log;
	private limits: LimitValues;
	private concerns: Concern[];
	private rooms: Rooms;
	private pingIntervalMs: number;
	private address: AddressSettings;
	/** Editors' sockets take a whole document; readers' only what a reader sends. */
	private sockets: { write: WebSocketServer; read: WebSocketServer };
	private upgrades = new Set<Promise<void>>();
	private closing = false;
	private onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
		this.upgrade(req, socket, head);

	constructor(server: Server, options: CollabOptions) {
		this.server = server;
		this.log = options.log ?? createLog();
		this.limits = resolveLimits(options.limits);
		this.pingIntervalMs = options.pingIntervalMs ?? 30_000;
		this.address = options.address ?? addressSettingsFromEnv();
		const timings = { ...defaultTimings, ...definedOnly(options) };
		timings.batchDelayMs = Math.min(timings.batchDelayMs, 200);
		this.concerns = createConcerns({
			sql: options.sql,
			origins: options.origins,
			log: this.log,
			limits: this.limits,
			timings,
			recheckMs: options.recheckMs ?? 60_000
		});
		this.rooms = new Rooms(
			{ log: this.log, concerns: this.concerns },
			options.unloadDelayMs ?? 10_000
		);
		const socketServer = (maxPayload: number) =>
			new WebSocketServer({ noServer: true, maxPayload });
		this.sockets = {
			write: socketServer(this.limits.maxMessageBytes),
			read: socketServer(this.limits.maxReaderMessageBytes)
		};
		server.on('upgrade', this.onUpgrade);
		const context = { rooms: () => this.rooms.loaded() };
		this.ready = Promise.all(this.concerns.map((c) => c.onStart?.(context))).then(() => undefined);
	}

	stats() {
		const loaded = this.rooms.loaded();
		return {
			documents: loaded.length,
			connections: loaded.reduce((n, room) => n + room.peers.size, 0)
		};
	}

	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		this.server.off('upgrade', this.onUpgrade);
		await Promise.allSettled([...this.upgrades]);
		await this.rooms.closeAll(CloseCode.restarting, 'restarting');
		for (const concern of this.concerns) {
			await Promise.resolve()
				.then(() => concern.onStop?.())
				.catch((error: unknown) =>
					this.log('error', 'stop_failed', { concern: concern.name, error: reason(error) })
				);
		}
		const clients = [...this.sockets.write.clients, ...this.sockets.read.clients];
		await closed(clients, CLOSE_GRACE_MS);
		this.sockets.write.close();
		this.sockets.read.close();
		this.log('info', 'stopped');
	}

	private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const id = documentIdOf(req.url);
		if (id === null) return; // not ours (Vite's HMR socket, for one)
		socket.on('error', () => undefined);
		const connection: Connecting = {
			documentId: id,
			request: req,
			address: clientAddress(req, this.address),
			user: null,
			token: null,
			access: null
		};
		const work = this.accept(connection, socket, head)
			.catch((error: unknown) => {
				const missing = error instanceof NotFoundError;
				if (!missing) this.log('error', 'upgrade_failed', { document: id, error: reason(error) });
				const code = missing ? CloseCode.notFound : CloseCode.restarting;
				this.refuse(connection, socket, head, { code, reason: 'unavailable' });
			})
			.finally(() => this.upgrades.delete(work));
		this.upgrades.add(work);
	}

	/** Asks every onConnect; none granting access is a refusal too. */
	private async decide(connection: Connecting): Promise<Refusal | null> {
		for (const concern of this.concerns) {
			const refusal = await concern.onConnect?.(connection);
			if (refusal) return refusal;
		}
		return connection.access ? null : { code: CloseCode.forbidden, reason: 'no_access' };
	}

	private async accept(connection: Connecting, socket: Duplex, head: Buffer): Promise<void> {
		const restarting = { code: CloseCode.restarting, reason: 'restarting' };
		const refusal = (await this.decide(connection)) ?? (this.closing ? restarting : null);
		if (refusal) return this.refuse(connection, socket, head, refusal);
		const { documentId, request, access } = connection;
		const room = await this.rooms.acquire(documentId);
		let accepted = false;
		try {
			const late = this.closing ? restarting : room.admit(connection);
			if (late) return this.refuse(connection, socket, head, late);
			if (socket.destroyed) return;
			const sockets =
				access === 'write' && connection.user ? this.sockets.write : this.sockets.read;
			sockets.handleUpgrade(request, socket, head, (ws) => {
				accepted = true;
				const who = { ...connection, access: access!, socket };
				const peer = createPeer(ws, documentId, who, this.limits);
				serveConnection(ws, room, peer, {
					log: this.log,
					pingIntervalMs: this.pingIntervalMs,
					onGone: () => this.rooms.release(documentId)
				});
			});
		} finally {
			if (!accepted) this.rooms.release(documentId);
		}
	}

	private refuse(connection: Connecting, socket: Duplex, head: Buffer, refusal: Refusal): void {
		for (const concern of this.concerns) concern.onRefuse?.(connection, refusal);
		if (socket.destroyed) return;
		try {
			// Upgrade, then close at once: a browser sees the close code, never an HTTP status.
			// What the client sends meanwhile is not read; a socket error (a message over the
			// limit) would otherwise be an unhandled 'error' event, which ends the process.
			this.sockets.read.handleUpgrade(connection.request, socket, head, (ws) => {
				ws.on('error', () => undefined);
				ws.close(refusal.code, refusal.reason);
			});
		} catch {
			socket.destroy(); // already upgraded: the failure came after
		}
	}
}

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
