import type { Verdict } from '../auth/throttle.ts';

/** The answer of a throttled account operation: the page says 429 and when to try again. */
export interface Throttled {
	kind: 'throttled';
	retryAfterSeconds: number;
}

export function refused(verdict: Verdict): Throttled {
	return { kind: 'throttled', retryAfterSeconds: Math.max(1, verdict.retryAfterSeconds) };
}
