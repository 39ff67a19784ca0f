import { reason } from './logging.ts';
import { Room, type RoomContext } from './room.ts';

// The documents this process has loaded. A document is loaded by its first connection and
// unloaded a while after its last one left, once its state is stored (onUnload); a connection
// arriving while it unloads waits and loads it afresh. `holds` counts connections plus upgrades
// in progress, so a document is never unloaded under someone about to join.

interface Entry {
	room: Promise<Room>;
	loaded: Room | null;
	holds: number;
	timer?: ReturnType<typeof setTimeout>;
	unloading?: Promise<void>;
}

export class Rooms {
	private ctx: RoomContext;
	private unloadDelayMs: number;
	private entries = new Map<string, Entry>();

	constructor(ctx: RoomContext, unloadDelayMs: number) {
		this.ctx = ctx;
		this.unloadDelayMs = unloadDelayMs;
	}

	/** The loaded document, loading it when needed; pair every call with release(). */
	async acquire(id: string): Promise<Room> {
		for (;;) {
			const entry = this.entries.get(id) ?? this.open(id);
			if (entry.unloading) {
				await entry.unloading;
				continue;
			}
			entry.holds++;
			clearTimeout(entry.timer);
			try {
				return await entry.room;
			} catch (error) {
				entry.holds--;
				throw error;
			}
		}
	}

	release(id: string): void {
		const entry = this.entries.get(id);
		if (entry && --entry.holds === 0) this.schedule(id, entry);
	}

	/** The documents loaded now. */
	loaded(): Room[] {
		return [...this.entries.values()].flatMap((e) => (e.loaded ? [e.loaded] : []));
	}

	/** Closes every connection with `code`, stores every document and unloads it. */
	async closeAll(code: number, why: string): Promise<void> {
		await Promise.all(
			[...this.entries].map(async ([id, entry]) => {
				clearTimeout(entry.timer);
				await entry.unloading;
				const room = await entry.room.catch(() => null);
				if (!room || room.destroyed) return;
				room.closeAll(code, why);
				await room.unload();
				this.entries.delete(id);
				await room.destroy();
			})
		);
	}

	private open(id: string): Entry {
		const entry: Entry = { room: Room.open(this.ctx, id), loaded: null, holds: 0 };
		this.entries.set(id, entry);
		entry.room.then(
			(room) => (entry.loaded = room),
			() => this.entries.get(id) === entry && this.entries.delete(id)
		);
		return entry;
	}

	private async unload(id: string, entry: Entry): Promise<void> {
		const room = await entry.room;
		if (entry.holds > 0) return;
		if (!(await room.unload())) {
			// Keep it in memory rather than lose edits the store does not have yet.
			this.schedule(id, entry);
			return;
		}
		if (entry.holds > 0) return; // someone joined while it was being stored
		this.entries.delete(id);
		await room.destroy();
		this.ctx.log('info', 'unloaded', { document: id });
	}

	private schedule(id: string, entry: Entry): void {
		clearTimeout(entry.timer);
		entry.timer = setTimeout(() => {
			entry.unloading = this.unload(id, entry)
				.catch((error: unknown) =>
					this.ctx.log('error', 'unload_failed', { document: id, error: reason(error) })
				)
				.finally(() => (entry.unloading = undefined));
		}, this.unloadDelayMs);
	}
}
