import type { Sql } from 'postgres';
import * as Y from 'yjs';
import * as store from '../documents/store.ts';
import { REMOTE, type Concern, type Origin } from './hooks.ts';
import { reason, type Log } from './logging.ts';
import { isPeer } from './peer.ts';
import { NotFoundError, type Room } from './room.ts';
import { DocumentStorage, type PersistenceTimings } from './storage.ts';

// PostgreSQL is where documents live (documents/store.ts): a document is read from it when it
// loads, its clients' edits are stored (storage.ts) and it is stored whole before it unloads.
// What other processes stored is read on their notice (fanout.ts calls catchUp).

export type { PersistenceTimings };

interface Loaded {
	storage: DocumentStorage;
	/** The newest stored update read into the document (later ones arrive by notice). */
	seq: number;
	/** Catch-ups run one after another. */
	catching: Promise<void>;
	/** While a catch-up applies what it read: those changes are in the store already. */
	applyingStored: boolean;
}

export class Persistence implements Concern {
	readonly name = 'persistence';
	private sql: Sql;
	private log: Log;
	private timings: PersistenceTimings;
	private loaded = new WeakMap<Room, Loaded>();

	constructor(sql: Sql, log: Log, timings: PersistenceTimings) {
		this.sql = sql;
		this.log = log;
		this.timings = timings;
	}

	async onLoad(room: Room): Promise<void> {
		const [row] = await this.sql`select 1 from public.documents where id = ${room.id}`;
		if (!row) throw new NotFoundError(room.id);
		const stored = await store.load(this.sql, room.id);
		Y.applyUpdate(room.doc, stored.state, REMOTE);
		const storage = new DocumentStorage(this.sql, room.id, room.doc, this.timings, this.log);
		this.loaded.set(room, {
			storage,
			seq: stored.seq,
			catching: Promise.resolve(),
			applyingStored: false
		});
		this.log('info', 'loaded', { document: room.id, bytes: stored.state.byteLength });
	}

	onChange(room: Room, update: Uint8Array, origin: Origin): void {
		const loaded = this.loaded.get(room);
		if (!loaded) return;
		const { storage } = loaded;
		storage.changed(origin === REMOTE && !loaded.applyingStored);
		if (isPeer(origin) && origin.user) storage.local(update, origin.user.id);
	}

	onUnload(room: Room): Promise<boolean> {
		return this.loaded.get(room)?.storage.settle() ?? Promise.resolve(true);
	}

	onDestroy(room: Room): void {
		this.loaded.get(room)?.storage.stop();
		this.loaded.delete(room);
	}

	/** Stores the document's pending edits now; resolves to the sequence number that holds them. */
	storeNow(room: Room): Promise<number | null> {
		return this.loaded.get(room)?.storage.stored() ?? Promise.resolve(null);
	}

	/**
	 * Reads what the store has beyond what the document holds, and the update a notice announced
	 * (`seq`: sequence numbers are handed out before commit, so it may be below the newest read).
	 */
	catchUp(room: Room, seq: number | null): void {
		const loaded = this.loaded.get(room);
		if (!loaded) return;
		loaded.catching = loaded.catching
			.then(async () => {
				if (room.destroyed) return;
				const found = await store.since(this.sql, room.id, loaded.seq, seq ?? 0);
				if (room.destroyed) return;
				loaded.applyingStored = true;
				try {
					for (const update of found.updates) room.applyRemote(update);
				} finally {
					loaded.applyingStored = false;
				}
				loaded.seq = Math.max(loaded.seq, found.seq);
			})
			.catch((error: unknown) => {
				this.log('error', 'catch_up_failed', { document: room.id, error: reason(error) });
			});
	}
}
