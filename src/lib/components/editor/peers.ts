import { textOn as contrastingText } from '$lib/components/sdg/contrast';

// Who else has the document open, from the awareness states the collaboration server relays.
// The server writes each state's `user` from the session ({ id, name, color }), so a person
// with two tabs open appears once.

export interface Peer {
	/** The person's id (or, without one, the awareness client id). */
	key: string;
	name: string;
	color: string;
}

const HEX = /^#[0-9a-f]{6}$/i;
const FALLBACK_COLOR = '#4a5957';

interface AwarenessUser {
	id?: unknown;
	name?: unknown;
	color?: unknown;
}

export interface PeerView {
	peers: Peer[];
	key: string;
	/** Each other client's comment counter (see CollabSession.commentsChanged). */
	commentCounters: Map<number, number>;
}

export function peersOf(states: Map<number, Record<string, unknown>>, own: number): PeerView {
	const byKey = new Map<string, Peer>();
	const commentCounters = new Map<number, number>();
	for (const [clientId, state] of states) {
		if (clientId === own || !state) continue;
		// No counter yet counts as 0, so that someone's first comment is noticed too.
		commentCounters.set(clientId, typeof state.comments === 'number' ? state.comments : 0);
		const user = (state.user ?? {}) as AwarenessUser;
		const name = typeof user.name === 'string' ? user.name.trim() : '';
		if (!name) continue;
		const key = typeof user.id === 'string' ? user.id : `client-${clientId}`;
		const color =
			typeof user.color === 'string' && HEX.test(user.color) ? user.color : FALLBACK_COLOR;
		if (!byKey.has(key)) byKey.set(key, { key, name, color });
	}
	const peers = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	return {
		peers,
		key: peers.map((p) => `${p.key}:${p.name}:${p.color}`).join('|'),
		commentCounters
	};
}

/** Up to two initials: "Anna Lind" → "AL". */
export function initials(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words;
	return letters.map((w) => Array.from(w)[0]!.toLocaleUpperCase('sv')).join('');
}

/** Black or white text on a person's colour, whichever contrasts more (WCAG 1.4.3). */
export const textOn = (hex: string) => contrastingText(HEX.test(hex) ? hex : FALLBACK_COLOR);
