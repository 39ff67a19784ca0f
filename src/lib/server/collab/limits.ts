import * as Y from 'yjs';
import { CloseCode, Limits } from '../../collab/protocol.ts';
import { REMOTE, type Concern, type Origin, type Refusal } from './hooks.ts';
import type { Log } from './logging.ts';
import type { Peer } from './peer.ts';
import type { Room } from './room.ts';

// The limits that keep one connection or one document from exhausting the process: a message
// rate per connection and a maximum document size. (The message size limits are ws maxPayload,
// set per connection in index.ts; the connections are counted by capacity.ts.)

export type LimitValues = { -readonly [K in keyof typeof Limits]: number };

export const resolveLimits = (overrides: Partial<LimitValues> = {}): LimitValues => ({
	...Limits,
	...overrides
});

/** Token bucket: `rate` tokens a second up to `burst`; each message takes one. */
export class TokenBucket {
	rate: number;
	burst: number;
	tokens: number;
	last: number;
	now: () => number;

	constructor(rate: number, burst: number, now: () => number = () => performance.now()) {
		this.rate = rate;
		this.burst = burst;
		this.tokens = burst;
		this.now = now;
		this.last = now();
	}

	take(): boolean {
		const now = this.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** `size`: an upper bound of the encoded size once the update is applied (or now, refused). */
export type Growth = { ok: boolean; size: number };

/**
 * Whether `update` may be applied to `doc` without growing it past `max` encoded bytes.
 * `estimate` is an upper bound of the current size (the last measured size plus every update
 * applied since), so the common case costs nothing; only near the limit is the document encoded,
 * and only when even that is too close is the update tried on a copy. An update that does not
 * make the document larger (deleting text) is always allowed.
 */
export function checkGrowth(doc: Y.Doc, estimate: number, update: Uint8Array, max: number): Growth {
	if (estimate + update.byteLength <= max) return { ok: true, size: estimate + update.byteLength };
	const current = Y.encodeStateAsUpdate(doc);
	const bound = current.byteLength + update.byteLength;
	if (bound <= max) return { ok: true, size: bound };
	const copy = new Y.Doc({ gc: true });
	try {
		Y.applyUpdate(copy, current);
		Y.applyUpdate(copy, update);
		const after = Y.encodeStateAsUpdate(copy).byteLength;
		return after > max && after > current.byteLength
			? { ok: false, size: current.byteLength }
			: { ok: true, size: after };
	} finally {
		copy.destroy();
	}
}

/** Once warned about size, check again only after this much further growth. */
const WARN_STEP = 64 * 1024;

/** `bytes`: an upper bound of the encoded document size (see checkGrowth). */
type Size = { bytes: number; checkAt: number; after: number | null };

export class MessageLimits implements Concern {
	readonly name = 'limits';
	private limits: LimitValues;
	private log: Log;
	private buckets = new WeakMap<Peer, TokenBucket>();
	private sizes = new WeakMap<Room, Size>();

	constructor(limits: LimitValues, log: Log) {
		this.limits = limits;
		this.log = log;
	}

	/** The rate limit, before anything of the message is read. */
	beforeMessage(_room: Room, peer: Peer): Refusal | null {
		let bucket = this.buckets.get(peer);
		if (!bucket) {
			bucket = new TokenBucket(this.limits.messagesPerSecond, this.limits.messageBurst);
			this.buckets.set(peer, bucket);
		}
		return bucket.take() ? null : { code: CloseCode.rateLimited, reason: 'rate limited' };
	}

	beforeChange(room: Room, _peer: Peer, update: Uint8Array): Refusal | null {
		const size = this.sizeOf(room);
		const growth = checkGrowth(room.doc, size.bytes, update, this.limits.maxDocumentBytes);
		if (!growth.ok) {
			size.bytes = growth.size;
			this.log('warn', 'document_too_large', { document: room.id, bytes: growth.size });
			return { code: CloseCode.documentTooLarge, reason: 'document too large' };
		}
		size.after = growth.size;
		return null;
	}

	onChange(room: Room, update: Uint8Array, origin: Origin): void {
		const size = this.sizes.get(room);
		if (!size) return; // not measured yet: the first local edit measures it
		if (origin === REMOTE || size.after === null) {
			size.bytes += update.byteLength;
			return;
		}
		size.bytes = size.after;
		size.after = null;
		if (size.bytes < size.checkAt) return;
		const { warnDocumentBytes } = this.limits;
		size.bytes = Y.encodeStateAsUpdate(room.doc).byteLength;
		size.checkAt = Math.max(warnDocumentBytes, size.bytes + WARN_STEP);
		if (size.bytes >= warnDocumentBytes) {
			this.log('warn', 'document_large', { document: room.id, bytes: size.bytes });
		}
	}

	onDestroy(room: Room): void {
		this.sizes.delete(room);
	}

	/** Measured once, at the first edit of a loaded document; kept up to date after. */
	private sizeOf(room: Room): Size {
		let size = this.sizes.get(room);
		if (!size) {
			const bytes = Y.encodeStateAsUpdate(room.doc).byteLength;
			size = { bytes, checkAt: this.limits.warnDocumentBytes, after: null };
			this.sizes.set(room, size);
		}
		return size;
	}
}
