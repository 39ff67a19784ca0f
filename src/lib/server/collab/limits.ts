import * as Y from 'yjs';
import { Limits } from '../../collab/protocol.ts';

// The limits that keep one connection or one document from exhausting the process: a message
// rate per connection and a maximum document size. (The message size limit is ws maxPayload,
// the connections per document are counted by the room.)

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
