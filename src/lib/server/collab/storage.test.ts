import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { linesOf } from './testing/clients.ts';
import { buildDocument, signedIn, waitFor } from './testing/fixtures.ts';
import { sleep } from './testing/random.ts';
import { DocumentStorage, type PersistenceTimings } from './storage.ts';

// One document's storage (storage.ts) against the real database: what its clients type is
// stored, what another process relayed is stored by this one when that process could not, and
// the plain text follows typing at the latest contentMaxWaitMs after it started.

const db = useTestDatabase();
const storages: DocumentStorage[] = [];
afterEach(() => storages.splice(0).forEach((s) => s.stop()));

const timings: PersistenceTimings = {
	batchDelayMs: 20,
	contentDelayMs: 150,
	contentMaxWaitMs: 500,
	compactAfterUpdates: 5,
	idleCompactMs: 60_000
};

async function open() {
	const { documentId } = await buildDocument(db.sql);
	const doc = store.toDoc((await store.load(db.sql, documentId)).state);
	const storage = new DocumentStorage(db.sql, documentId, doc, timings, () => {});
	storages.push(storage);
	return { documentId, doc, storage };
}

/** A line added to `doc`, as the update that adds it (what a client sends). */
function addLine(doc: Y.Doc, text: string): Uint8Array {
	let update: Uint8Array | null = null;
	const take = (u: Uint8Array) => (update = u);
	doc.once('update', take);
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	const fragment = doc.getXmlFragment(FRAGMENT);
	fragment.insert(fragment.length, [paragraph]);
	return update!;
}

const stored = async (documentId: string) =>
	linesOf(store.toDoc((await store.load(db.sql, documentId)).state));

describe("a document's storage", () => {
	it('stores edits relayed by a process that died before it stored them', async () => {
		const { documentId, doc, storage } = await open();
		const { id } = await signedIn(db.sql);
		storage.local(addLine(doc, 'typed here'), id);
		storage.changed();
		// Relayed from another process (a notice), which was killed before its batch was stored.
		addLine(doc, 'relayed');
		storage.changed(true);
		expect(await storage.settle()).toBe(true);
		expect(await stored(documentId)).toEqual(['typed here', 'relayed']);
	});

	it("stores its clients' edits without reading the store back when nothing was relayed", async () => {
		const { documentId, doc, storage } = await open();
		const { id } = await signedIn(db.sql);
		for (let i = 0; i < 12; i++) {
			storage.local(addLine(doc, `line ${i}`), id);
			storage.changed();
			await sleep(5);
		}
		// Not told of through local() or as relayed: only the relayed check could have found it.
		addLine(doc, 'never announced');
		storage.changed();
		expect(await storage.settle()).toBe(true);
		const lines = Array.from({ length: 12 }, (_, i) => `line ${i}`);
		expect(await stored(documentId)).toEqual(lines);
	});

	it('writes the plain text while typing goes on, at the latest contentMaxWaitMs in', async () => {
		const { documentId, doc, storage } = await open();
		const { id } = await signedIn(db.sql);
		const text = async () =>
			(
				await db.sql<{ content_text: string | null }[]>`
					select content_text from public.documents where id = ${documentId}`
			)[0]?.content_text ?? '';
		let typing = true;
		let typed = 0;
		const typist = (async () => {
			// An edit every 40 ms never leaves contentDelayMs of quiet.
			while (typing) {
				storage.local(addLine(doc, `line ${typed++}`), id);
				storage.changed();
				await sleep(40);
			}
		})();
		await waitFor(async () => (await text()).includes('line 0'), 'text while typing', 10_000);
		expect(typing).toBe(true);
		typing = false;
		await typist;
		await waitFor(async () => (await text()).includes(`line ${typed - 1}`), 'text once quiet');
	});
});
