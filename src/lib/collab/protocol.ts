// The collaboration protocol's constants, shared by the server (src/lib/server/collab) and the
// browser (src/lib/components/editor). The wire format is y-websocket's: every message starts
// with a varint message type; sync messages carry y-protocols' sync steps and updates,
// awareness messages y-protocols' awareness updates.

/** The websocket lives at `${COLLAB_PATH}<document id>` on the app's own origin. */
export const COLLAB_PATH = '/collab/';

/** y-websocket message types. */
export const MessageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3
} as const;

/**
 * Close codes (4000–4999 are free for applications). y-websocket's client, by default, stops
 * reconnecting after 4400–4499 ("the server decided; trying again cannot help") and reconnects
 * with backoff after anything else; the codes follow that convention, so `finalCloseCodes` is
 * exactly the 44xx ones. The last two digits echo the matching HTTP status.
 */
export const CloseCode = {
	/** No valid session, or the session ended. Final. */
	unauthenticated: 4401,
	/** The person may not read this document (or no longer may). Final. */
	forbidden: 4403,
	/** No such document. Final. */
	notFound: 4404,
	/** The document reached its maximum size; further growth is refused. Final. */
	documentTooLarge: 4414,
	/** A malformed message; the connection is dropped, the document is unchanged. */
	badMessage: 4500,
	/** The server is shutting down; reconnect (with backoff). */
	restarting: 4503,
	/** Too many messages per second from this connection. */
	rateLimited: 4529,
	/** The document already has the maximum number of connections. */
	documentFull: 4530,
	/**
	 * The share of the document's connections open to readers is taken; editors are still let in
	 * (the rest is kept for them). Reconnecting later may succeed.
	 */
	readersFull: 4531,
	/**
	 * This person (signed out: this address) already has the maximum number of connections, on
	 * this document or on this server process. Reconnecting after closing a tab succeeds.
	 */
	tooManyConnections: 4532,
	/**
	 * A message larger than Limits.maxMessageBytes. The websocket library refuses it before
	 * reading it and closes with the standard "message too big" code itself.
	 */
	messageTooLarge: 1009
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export const finalCloseCodes: readonly number[] = [
	CloseCode.unauthenticated,
	CloseCode.forbidden,
	CloseCode.notFound,
	CloseCode.documentTooLarge
];

/** Whether a client should try again after the server closed with `code`. */
export const shouldReconnect = (code: number) => !finalCloseCodes.includes(code);

export const Limits = {
	/** Largest single websocket message (ws maxPayload). A whole document must fit in one. */
	maxMessageBytes: 6 * 1024 * 1024,
	/**
	 * Largest message from a connection that may only read (ws maxPayload for it). A reader
	 * sends its state vector, awareness and queries, never a document; a larger message would only
	 * hold the server's memory until it is refused.
	 */
	maxReaderMessageBytes: 1024 * 1024,
	/** Connections per document, in each app process counted separately. */
	maxConnectionsPerDocument: 100,
	/**
	 * The share of maxConnectionsPerDocument that readers (read-only members, signed-out visitors)
	 * may take: the rest is kept for the document's editors.
	 */
	readerShare: 0.7,
	/** Connections one person may hold on one document (tabs, windows) and in one app process. */
	maxConnectionsPerPerson: 8,
	maxConnectionsPerPersonInProcess: 20,
	/**
	 * Signed-out connections from one address (IPv6: its /64) on one document and in one app
	 * process; higher than a person's, as visitors behind one NAT share an address.
	 */
	maxAnonymousPerAddress: 16,
	maxAnonymousPerAddressInProcess: 40,
	/** Unsent bytes queued for one connection before it is dropped as not keeping up. */
	maxBufferedBytes: 32 * 1024 * 1024,
	/** The same for a reader, who needs the document once and the edits after it. */
	maxReaderBufferedBytes: 8 * 1024 * 1024,
	/** Encoded document size at which editors are warned. */
	warnDocumentBytes: 1024 * 1024,
	/** Encoded document size past which growth is refused. */
	maxDocumentBytes: 5 * 1024 * 1024,
	/** Per connection: sustained messages per second and the burst allowed above it. */
	messagesPerSecond: 60,
	messageBurst: 300
} as const;

/** Reconnect backoff: full jitter between 0 and min(cap, base · 2^attempt) milliseconds. */
export const Backoff = { baseMs: 500, capMs: 30_000 } as const;

export function backoffDelay(attempt: number, random = Math.random): number {
	const ceiling = Math.min(Backoff.capMs, Backoff.baseMs * 2 ** Math.min(attempt, 16));
	return Math.round(random() * ceiling);
}

/** The Yjs shared type holding the rich text (TipTap's default fragment name). */
export const FRAGMENT = 'default';

export const roomFor = (documentId: string) => `${COLLAB_PATH}${documentId}`;
