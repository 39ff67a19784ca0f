import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../collab/testing/fixtures.ts';
import { useTestDatabase } from '../testing/world.ts';
import * as store from './store.ts';

const db = useTestDatabase();

/** Appends the words one update each, as one writer typing; returns that writer's doc. */
async function typed(documentId: string, words: string[], doc = new Y.Doc()) {
	for (const word of words) {
		const before = Y.encodeStateVector(doc);
		doc.getText('t').insert(doc.getText('t').length, word);
		await store.append(db.sql, documentId, Y.encodeStateAsUpdate(doc, before));
	}
	return doc;
}

const textOf = (state: Uint8Array) => store.toDoc(state).getText('t').toString();

describe('store', () => {
	it('loads the same content before and after compaction', async () => {
		const { documentId } = await buildDocument(db.sql);
		await typed(documentId, ['a', 'b', 'c']);
		const before = await store.load(db.sql, documentId);
		const compacted = await store.compact(db.sql, documentId);
		expect(textOf(compacted.state)).toBe('abc');
		expect(compacted.seq).toBe(before.seq);
		expect(textOf((await store.load(db.sql, documentId)).state)).toBe('abc');
		const [left] = await db.sql`select count(*)::int as n from erfa_private.document_updates
			where document_id = ${documentId}`;
		expect(left!.n).toBe(0);
	});

	it('keeps an update whose number is below the compacted one (it committed late)', async () => {
		const { documentId } = await buildDocument(db.sql);
		const doc = await typed(documentId, ['a', 'b']);
		const { seq } = await store.compact(db.sql, documentId);
		const before = Y.encodeStateVector(doc);
		doc.getText('t').insert(2, 'c');
		await db.sql`insert into erfa_private.document_updates (seq, document_id, update)
			overriding system value values (${seq - 1}, ${documentId}, ${Y.encodeStateAsUpdate(doc, before)})`;
		expect(textOf((await store.load(db.sql, documentId)).state)).toBe('abc');
		const announced = await store.since(db.sql, documentId, seq, seq - 1);
		expect(announced.updates).toHaveLength(1);
		await store.compact(db.sql, documentId);
		expect(textOf((await store.load(db.sql, documentId)).state)).toBe('abc');
	});

	it('gives a process what it lacks: later updates, or everything after a compaction', async () => {
		const { documentId } = await buildDocument(db.sql);
		const doc = await typed(documentId, ['a', 'b']);
		const { seq } = await store.load(db.sql, documentId);
		await typed(documentId, ['c', 'd'], doc);
		const later = await store.since(db.sql, documentId, seq);
		expect(later.updates).toHaveLength(2);
		expect(later.seq).toBe((await store.load(db.sql, documentId)).seq);

		await store.compact(db.sql, documentId);
		await typed(documentId, ['e'], doc);
		const whole = await store.since(db.sql, documentId, seq);
		expect(whole.updates).toHaveLength(1);
		expect(textOf(whole.updates[0]!)).toBe('abcde');
		expect((await store.since(db.sql, documentId, whole.seq)).updates).toHaveLength(0);
	});
});
