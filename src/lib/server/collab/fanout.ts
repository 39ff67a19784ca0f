import * as awarenessProtocol from 'y-protocols/awareness';
import { REMOTE, type AwarenessChange, type Concern, type Origin } from './hooks.ts';
import { reason, type Log } from './logging.ts';
import type { DocumentHandlers, Notifier, Subscription } from './notifier.ts';
import { isPeer } from './peer.ts';
import type { Room } from './room.ts';

// The room's side of the exchange with other processes (notifier.ts): its clients' updates and
// awareness go out, the others' are applied, and store notices are read through persistence.

/** What fan-out needs of persistence: large updates are stored first, then announced. */
export interface StoreLink {
	storeNow(room: Room): Promise<number | null>;
	catchUp(room: Room, seq: number | null): void;
}

export class Fanout implements Concern {
	readonly name = 'fanout';
	private notifier: Notifier;
	private storeLink: StoreLink;
	private log: Log;
	private subscriptions = new WeakMap<Room, Subscription>();

	constructor(notifier: Notifier, storeLink: StoreLink, log: Log) {
		this.notifier = notifier;
		this.storeLink = storeLink;
		this.log = log;
	}

	/** Listens before the document is read (persistence's onLoad comes after), missing nothing. */
	async onLoad(room: Room): Promise<void> {
		const whenReady = (run: () => void) => room.whenReady(run);
		const handlers: DocumentHandlers = {
			update: (update) => whenReady(() => room.applyRemote(update)),
			awareness: (update) =>
				whenReady(() => awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE)),
			stored: (seq) => whenReady(() => this.storeLink.catchUp(room, seq)),
			relistened: () => whenReady(() => this.storeLink.catchUp(room, null)),
			joined: () => whenReady(() => this.storeAndAnnounce(room))
		};
		this.subscriptions.set(room, await this.notifier.subscribe(room.id, handlers));
	}

	onChange(room: Room, update: Uint8Array, origin: Origin): void {
		if (!isPeer(origin) || !origin.user) return;
		this.subscriptions.get(room)?.update(update, () => this.storeLink.storeNow(room));
	}

	onAwareness(room: Room, change: AwarenessChange, origin: unknown): void {
		// A connection's own change, or its states removed as it closed: never a relayed one.
		if (isPeer(origin)) this.subscriptions.get(room)?.awareness(change.update);
	}

	async onDestroy(room: Room): Promise<void> {
		const subscription = this.subscriptions.get(room);
		this.subscriptions.delete(room);
		await subscription?.stop().catch(() => undefined);
	}

	onStop(): Promise<void> {
		return this.notifier.settle();
	}

	/**
	 * Another process opened the document and read the store before the two knew of each other;
	 * until now this one sent it nothing. What this one's clients typed is stored and announced,
	 * and who is here is sent at once (their clients would otherwise show them only at their
	 * next awareness renewal, up to 30 s later).
	 */
	private storeAndAnnounce(room: Room): void {
		const states = [...room.awareness.getStates().keys()];
		if (states.length) {
			const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, states);
			this.subscriptions.get(room)?.awareness(update);
		}
		this.storeLink.storeNow(room).then(
			(seq) => this.subscriptions.get(room)?.announce(seq),
			(error: unknown) =>
				this.log('error', 'fanout_store_failed', { document: room.id, error: reason(error) })
		);
	}
}
