import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	backoffDelay,
	CloseCode,
	COLLAB_PATH,
	FRAGMENT,
	MessageType,
	shouldReconnect
} from '$lib/collab/protocol';
import { peersOf, type Peer } from './peers';

// One open document in the browser: the Yjs document, its websocket to the collaboration
// server, its copy on this device (IndexedDB) and what the page shows about them.
//
// Reconnecting: y-websocket retries on its own without jitter, so after every close this class
// turns y-websocket's retry into a no-op (shouldConnect = false) and schedules its own with
// backoffDelay(); the final close codes stop it for good.
//
// "All changes saved": y-websocket never acknowledges updates. Messages on one websocket are
// handled in order, so when the server answers a sync step 1 that was sent after some updates,
// it has received those updates. After local edits the session sends such a probe and counts
// the edits made before it as saved when the answer (a sync step 2) arrives.

export type Connection = 'connecting' | 'connected' | 'offline' | 'closed';
export type ClosedReason = 'unauthenticated' | 'forbidden' | 'notFound' | 'tooLarge';

const closedReasons: Record<number, ClosedReason> = {
	[CloseCode.unauthenticated]: 'unauthenticated',
	[CloseCode.forbidden]: 'forbidden',
	[CloseCode.notFound]: 'notFound',
	[CloseCode.documentTooLarge]: 'tooLarge'
};

/** The answer to the sync step 1 y-websocket sends on connecting covers no edit of ours. */
const UNCOUNTED = -1;
const PROBE_DELAY_MS = 250;

export interface SessionOptions {
	documentId: string;
	/** Signed in: the person (their edits are kept on this device, under their id). */
	user: { id: string; name: string } | null;
}

export class CollabSession {
	connection = $state<Connection>('connecting');
	closedReason = $state<ClosedReason | null>(null);
	/** Has the server's state (since the current connection opened). */
	synced = $state(false);
	/** Edits made here that the server has not confirmed yet. */
	pending = $state(false);
	/** Edits are kept in this browser (IndexedDB) for this person. */
	keptOnDevice = $state(false);
	peers = $state.raw<Peer[]>([]);
	/** Called when someone else here says their comments changed. */
	onPeerComments: (() => void) | null = null;

	readonly doc = new Y.Doc();
	readonly fragment = this.doc.getXmlFragment(FRAGMENT);
	readonly provider: WebsocketProvider;
	private readonly persistence: IndexeddbPersistence | null;
	private attempt = 0;
	private retryTimer: ReturnType<typeof setTimeout> | undefined;
	private probeTimer: ReturnType<typeof setTimeout> | undefined;
	private version = 0;
	private acked = 0;
	private probes: number[] = [];
	private commentCounter = 0;
	// Bookkeeping only, never shown: no need for reactivity.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private peerComments = new Map<number, number>();
	private peersKey = '';

	constructor(options: SessionOptions) {
		const base = `${location.origin.replace(/^http/, 'ws')}${COLLAB_PATH}`;
		this.provider = new WebsocketProvider(base, options.documentId, this.doc, {
			connect: false,
			disableBc: true,
			shouldReconnect: (event) => shouldReconnect(event.code)
		});
		this.persistence = options.user
			? new IndexeddbPersistence(`erfa-doc:${options.user.id}:${options.documentId}`, this.doc)
			: null;
		void this.persistence?.whenSynced.then(() => (this.keptOnDevice = true));
		this.provider.awareness.setLocalStateField('user', {
			name: options.user?.name ?? '',
			color: '#1d4e5f' // the server replaces it with the person's own colour
		});
		this.listen();
		if (navigator.onLine) this.provider.connect();
		else this.connection = 'offline';
	}

	private listen(): void {
		const { provider } = this;
		provider.on('status', ({ status }) => {
			if (status === 'connected') {
				this.connection = 'connected';
				this.probes = [UNCOUNTED];
			} else if (status === 'connecting') this.connection = 'connecting';
		});
		provider.on('sync', (synced: boolean) => {
			this.synced = synced;
			if (synced) this.attempt = 0;
		});
		provider.on('connection-close', (event) => this.closed(event));
		this.wrapSyncHandler();
		this.doc.on('update', this.updated);
		provider.awareness.on('change', this.awarenessChanged);
		window.addEventListener('online', this.online);
		window.addEventListener('offline', this.offline);
	}

	private updated = (_update: Uint8Array, origin: unknown) => {
		if (origin === this.provider) return;
		this.version++;
		this.pending = true;
		this.scheduleProbe();
	};

	private closed(event: CloseEvent | null): void {
		const wanted = this.provider.shouldConnect;
		this.provider.shouldConnect = false;
		this.probes = [];
		this.synced = false;
		clearTimeout(this.retryTimer);
		if (event && !shouldReconnect(event.code)) return this.stop(event.code);
		if (!wanted) return;
		if (!navigator.onLine) {
			this.connection = 'offline';
			return;
		}
		this.connection = 'connecting';
		this.retryTimer = setTimeout(() => this.provider.connect(), backoffDelay(this.attempt++));
	}

	/** The server refused for good: say why, and forget the local copy where access ended. */
	private stop(code: number): void {
		this.connection = 'closed';
		this.closedReason = closedReasons[code] ?? 'forbidden';
		if (this.closedReason === 'forbidden' || this.closedReason === 'notFound') {
			void this.persistence?.clearData();
			this.keptOnDevice = false;
		}
	}

	private online = () => {
		if (this.connection === 'closed') return;
		this.attempt = 0;
		clearTimeout(this.retryTimer);
		this.connection = 'connecting';
		this.provider.connect();
	};

	private offline = () => {
		if (this.connection === 'closed') return;
		clearTimeout(this.retryTimer);
		this.provider.disconnect();
		this.connection = 'offline';
	};

	// Sees which sync messages arrive, after y-websocket has handled them as usual.
	private wrapSyncHandler(): void {
		const handlers = this.provider.messageHandlers;
		const original = handlers[MessageType.sync]!;
		handlers[MessageType.sync] = (encoder, decoder, provider, emitSynced, type) => {
			const kind = decoding.peekVarUint(decoder);
			original(encoder, decoder, provider, emitSynced, type);
			if (kind === syncProtocol.messageYjsSyncStep2) this.acknowledged();
			// Our answer (with any edits made offline) leaves after this returns: probe later.
			else if (kind === syncProtocol.messageYjsSyncStep1) this.scheduleProbe(0);
		};
	}

	private acknowledged(): void {
		const covered = this.probes.shift() ?? UNCOUNTED;
		if (covered > this.acked) this.acked = covered;
		this.pending = this.version > this.acked;
		if (this.pending && this.probes.length === 0) this.scheduleProbe();
	}

	private scheduleProbe(delay = PROBE_DELAY_MS): void {
		if (this.probeTimer !== undefined) return;
		this.probeTimer = setTimeout(() => {
			this.probeTimer = undefined;
			this.probe();
		}, delay);
	}

	private probe(): void {
		const ws = this.provider.ws;
		if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
		if (this.version <= this.acked || this.probes.includes(this.version)) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.sync);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		ws.send(encoding.toUint8Array(encoder));
		this.probes.push(this.version);
	}

	private awarenessChanged = () => {
		const awareness = this.provider.awareness;
		const next = peersOf(awareness.getStates(), awareness.clientID);
		if (next.key !== this.peersKey) {
			this.peersKey = next.key;
			this.peers = next.peers;
		}
		let changed = false;
		for (const [clientId, count] of next.commentCounters) {
			const seen = this.peerComments.get(clientId);
			if (seen !== undefined && seen !== count) changed = true;
			this.peerComments.set(clientId, count);
		}
		if (changed) this.onPeerComments?.();
	};

	/** Tells the others here to fetch the comments again. */
	commentsChanged(): void {
		this.provider.awareness.setLocalStateField('comments', ++this.commentCounter);
	}

	destroy(): void {
		clearTimeout(this.retryTimer);
		clearTimeout(this.probeTimer);
		window.removeEventListener('online', this.online);
		window.removeEventListener('offline', this.offline);
		this.provider.awareness.off('change', this.awarenessChanged);
		this.doc.off('update', this.updated);
		this.provider.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}
}
