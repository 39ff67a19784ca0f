import { reason } from './logging.ts';
import { Room, type RoomContext } from './room.ts';

// The documents this process has loaded. A document is loaded by its first connection and
// unloaded a while after its last one left, once its state is stored; a connection arriving
// while it unloads waits and loads it afresh. `holds` counts connections plus upgrades in
// progress, so a document is never unloaded under someone about to join.

interface Entry {
	room: Promise<Room>;
	loaded: Room | null;
	holds: number;
	timer?: ReturnType<typeof setTimeout>;
	unloading?: Promise<void>;
}

export type Rooms = ReturnType<typeof createRooms>;

export function createRooms(ctx: RoomContext, unloadDelayMs: number) {
	const entries = new Map<string, Entry>();

	function open(id: string): Entry {
		const entry: Entry = { room: Room.open(ctx, id), loaded: null, holds: 0 };
		entries.set(id, entry);
		entry.room.then(
			(room) => {
				entry.loaded = room;
				ctx.log('info', 'loaded', { document: id, bytes: room.size });
			},
			() => entries.get(id) === entry && entries.delete(id)
		);
		return entry;
	}

	async function unload(id: string, entry: Entry): Promise<void> {
		const room = await entry.room;
		if (entry.holds > 0) return;
		if (!(await room.persistence.settle())) {
			// Keep it in memory rather than lose edits the store does not have yet.
			schedule(id, entry);
			return;
		}
		if (entry.holds > 0) return; // someone joined while it was being stored
		entries.delete(id);
		await room.destroy();
		ctx.log('info', 'unloaded', { document: id });
	}

	function schedule(id: string, entry: Entry) {
		clearTimeout(entry.timer);
		entry.timer = setTimeout(() => {
			entry.unloading = unload(id, entry)
				.catch((error: unknown) =>
					ctx.log('error', 'unload_failed', { document: id, error: reason(error) })
				)
				.finally(() => (entry.unloading = undefined));
		}, unloadDelayMs);
	}

	return {
		/** The loaded document, loading it when needed; pair every call with release(). */
		async acquire(id: string): Promise<Room> {
			for (;;) {
				const entry = entries.get(id) ?? open(id);
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
		},

		release(id: string): void {
			const entry = entries.get(id);
			if (entry && --entry.holds === 0) schedule(id, entry);
		},

		/** The documents loaded now. */
		loaded(): Room[] {
			return [...entries.values()].flatMap((e) => (e.loaded ? [e.loaded] : []));
		},

		/** Closes every connection with `code`, stores every document and unloads it. */
		async closeAll(code: number, why: string): Promise<void> {
			await Promise.all(
				[...entries].map(async ([id, entry]) => {
					clearTimeout(entry.timer);
					await entry.unloading;
					const room = await entry.room.catch(() => null);
					if (!room || room.destroyed) return;
					room.closeAll(code, why);
					await room.persistence.settle();
					entries.delete(id);
					await room.destroy();
				})
			);
		}
	};
}
