import type { Sql } from 'postgres';
import { getLocale } from '$lib/paraglide/runtime';
import { isId, type Access } from './documents.ts';
import { readingHTML, type ReadingOptions } from './reading.ts';

// The reading view's HTML, kept per stored state (issue 17): merging the Yjs updates and
// drawing the HTML cost more CPU than the rest of the document page together, and most
// requests read a text nobody has changed since the last one. The key is the stored state's
// identity: the snapshot (changed only by compaction, which sets updated_at) and the updates
// appended since (only ever added until a compaction removes them), so any change to the text
// gives a new key and the old entry is never served. Also the locale (a checkbox's label) and
// whether open suggestions are shown. Bounded: the oldest entries go first.

// A few hundred kilobytes at most each: a hundred texts stay well under the memory budget.
export const MAX_ENTRIES = 100;
const cache = new Map<string, string>();

// What identifies the stored state now. Read before the state, so a write landing between the
// two is only ever newer text under an older key, which the next request replaces.
const stateKey = (sql: Sql, documentId: string) => sql`concat_ws(':',
	(select s.updated_at::text || '/' || s.compacted_seq
		from erfa_private.document_states s where s.document_id = ${documentId}),
	(select count(*) || '/' || coalesce(max(u.seq), 0)
		from erfa_private.document_updates u where u.document_id = ${documentId}))`;

/** The stored state's key for `cachedReadingHTML`, alone. */
export async function readStateKey(sql: Sql, documentId: string): Promise<string> {
	const [row] = await sql<{ key: string }[]>`select ${stateKey(sql, documentId)} as key`;
	return row!.key;
}

/**
 * The caller's access (documents.accessOf) and the stored state's key in one query: the page
 * needs both before it may draw the text, and a second round trip only waited for the first.
 * The key says nothing to the caller; it is used only once access is granted.
 */
export async function accessAndStateKey(
	sql: Sql,
	documentId: string,
	userId: string | null
): Promise<{ access: Access | null; key: string }> {
	if (!isId(documentId)) return { access: null, key: '' };
	const [row] = await sql<{ access: Access | null; key: string }[]>`
		select erfa_private.document_access(${documentId}, ${userId}) as access,
			${stateKey(sql, documentId)} as key`;
	return { access: row?.access ?? null, key: row?.key ?? '' };
}

/**
 * readingHTML, drawn once per stored state. The caller has checked that the person may read it;
 * `knownKey` is the key read with that check (accessAndStateKey), or read here.
 */
export async function cachedReadingHTML(
	sql: Sql,
	documentId: string,
	options: ReadingOptions,
	knownKey?: string
): Promise<string> {
	const state = knownKey ?? (await readStateKey(sql, documentId));
	const key = [documentId, state, getLocale(), options.suggestions].join('|');
	const hit = cache.get(key);
	if (hit !== undefined) {
		// Most recently used last, so the eviction below removes the least recently used.
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const html = await readingHTML(sql, documentId, options);
	cache.set(key, html);
	if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	return html;
}

/** How many texts are kept (for tests). */
export const cachedCount = () => cache.size;
