import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	stateOf
} from '../testing/world.ts';
import { accessOf } from './documents.ts';
import {
	accessAndStateKey,
	cachedCount,
	cachedReadingHTML,
	MAX_ENTRIES,
	readStateKey
} from './reading-cache.ts';
import * as store from './store.ts';

// The reading view's HTML kept per stored state: a change to the text is shown at once, and
// the cache never grows past its bound however many states are read.

const db = useTestDatabase();
let documentId: string;
const read = () => cachedReadingHTML(db.sql, documentId, { suggestions: false });

beforeAll(async () => {
	const group = await buildGroup(db.sql);
	documentId = (await buildDocument(db.sql, group.id, { paragraphs: ['Första texten.'] })).id;
});

describe('cachedReadingHTML', () => {
	it('draws the stored text once, and again when it changes', async () => {
		const first = await read();
		expect(first).toContain('Första texten.');
		const before = cachedCount();
		expect(await read()).toBe(first);
		expect(cachedCount()).toBe(before);
		await store.append(db.sql, documentId, stateOf(['Ett tillägg.']));
		expect(await read()).toContain('Ett tillägg.');
		// Compaction folds the same text into the snapshot: a new key, the same page.
		await store.compact(db.sql, documentId);
		const compacted = await read();
		expect(compacted).toContain('Första texten.');
		expect(compacted).toContain('Ett tillägg.');
	});

	it('keeps at most MAX_ENTRIES texts', async () => {
		for (let i = 0; i <= MAX_ENTRIES; i++) {
			await store.append(db.sql, documentId, stateOf([`Rad ${i}.`]));
			await read();
		}
		expect(cachedCount()).toBe(MAX_ENTRIES);
		expect(await read()).toContain(`Rad ${MAX_ENTRIES}.`);
	});

	it('reads the key with the rights check: the same access and key as read apart', async () => {
		const outsider = await buildUser(db.sql);
		for (const userId of [outsider.id, null]) {
			const both = await accessAndStateKey(db.sql, documentId, userId);
			expect(both.access).toBe(await accessOf(db.sql, documentId, userId));
			expect(both.key).toBe(await readStateKey(db.sql, documentId));
		}
		const before = (await accessAndStateKey(db.sql, documentId, null)).key;
		await store.append(db.sql, documentId, stateOf(['Ännu en rad.']));
		const after = await accessAndStateKey(db.sql, documentId, null);
		expect(after.key).not.toBe(before);
		const html = await cachedReadingHTML(db.sql, documentId, { suggestions: false }, after.key);
		expect(html).toContain('Ännu en rad.');
		expect(await accessAndStateKey(db.sql, 'not-an-id', null)).toEqual({ access: null, key: '' });
	});
});
