import type { Db } from '$lib/server/platform';

// The knowledge map is the same for everyone who may read the same things, and counting it
// reads every visible experience (tens of milliseconds at 100 000). So a map is kept for a short
// while per "visibility class". What the map counts is visible exactly when (see migration
// 20261126000100 and the policies it relies on): the item is published and not hidden, and
// the caller is signed in (documents, research, experiences shared with all) or may read the
// item's group (erfa.readable_groups(): every active open group, the groups one belongs to,
// all groups for administrators). Hence the class: signed out, administrator, or signed in
// with a given set of memberships. Should a reading rule ever depend on more than that, the
// key must say so.

export interface Viewer {
	id: string;
	role: 'member' | 'researcher' | 'admin';
}

/** The caller's visibility class as a cache key, and a signed-in caller's unread count (the
 * header's badge, notifications/unread.ts). */
export interface Visibility {
	key: string;
	unread: number | null;
}

/** Who `viewer` is to the map, in one call for a signed-in caller (public.map_viewer). */
export async function visibilityOf(db: Db, viewer: Viewer | null): Promise<Visibility> {
	if (!viewer) return { key: 'anon', unread: null };
	const { data, error } = await db.rpc('map_viewer');
	if (error) throw new Error(`map_viewer: ${error.message}`);
	const { groups, unread } = data as { groups: string[]; unread: number };
	const key = viewer.role === 'admin' ? 'admin' : `member:${groups.toSorted().join(',')}`;
	return { key, unread };
}

/**
 * Values computed at most once per key and `ttlMs`; concurrent callers share one computation.
 * At most `maxEntries` are kept, and expired ones are dropped whenever a value is stored: an
 * expired entry never answers again, yet it would otherwise stay until `maxEntries` newer keys
 * pushed it out, long after the load that made it (a map is ~0.6 MB, see map.ts).
 */
export class TtlCache<T> {
	private entries = new Map<string, { at: number; value: Promise<T> }>();
	private readonly ttlMs: number;
	private readonly maxEntries: number;

	constructor(ttlMs: number, maxEntries = 500) {
		this.ttlMs = ttlMs;
		this.maxEntries = maxEntries;
	}

	get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
		const hit = this.entries.get(key);
		if (hit && now - hit.at < this.ttlMs) return hit.value;
		const value = compute();
		this.entries.delete(key);
		this.entries.set(key, { at: now, value });
		// A failed computation is not remembered.
		value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
		this.evict(now);
		return value;
	}

	/** Entries are in the order they were stored (get re-inserts), so the oldest come first. */
	private evict(now: number): void {
		for (const [key, entry] of this.entries) {
			if (this.entries.size <= this.maxEntries && now - entry.at < this.ttlMs) break;
			this.entries.delete(key);
		}
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}
