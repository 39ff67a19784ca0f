import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildDocument, buildGroup, stateOf } from '../testing/world.ts';
import { cachedCount, cachedReadingHTML, MAX_ENTRIES } from './reading-cache.ts';
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
});
