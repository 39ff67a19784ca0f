// A large document with a long edit history, for large.ts: four authors, each with a
// Y.Doc of their own kept in step by exchanging updates as editors' browsers do, make 20 000
// small edits (new paragraphs, a few words typed somewhere, a stretch deleted) until the
// document holds about 500 000 characters, some 200 pages. Seeded, so every run builds the
// same document.
import * as Y from 'yjs';
import { FRAGMENT } from '../../src/lib/collab/protocol.ts';
import { seeded } from '../../src/lib/server/collab/testing/random.ts';
import { vocabulary } from '../shared/words.ts';

export const shape = { edits: 20_000, authors: 4, seed: 20261124 };
/** Edits an editor's browser would send within one batch of the server (it stores ~200 ms). */
const EDITS_PER_APPEND = 50;

export interface History {
	/** Merged batches of edits, in order, as the server would have appended them. */
	batches: Uint8Array[];
	/** The whole history as one update. */
	state: Uint8Array;
	characters: number;
	paragraphs: number;
	buildSeconds: number;
}

const REMOTE = Symbol('remote');

/** Characters in the document's paragraphs (what a reader sees, without markup). */
export function characters(doc: Y.Doc): number {
	let n = 0;
	for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
		if (node instanceof Y.XmlElement) for (const t of node.toArray()) n += (t as Y.XmlText).length;
	}
	return n;
}

function phrase(random: () => number, min: number, max: number): string {
	const words: string[] = [];
	let length = 0;
	const target = min + Math.floor(random() * (max - min + 1));
	while (length < target) {
		const word = vocabulary.words[Math.floor(random() * vocabulary.words.length)]!;
		words.push(word);
		length += word.length + 1;
	}
	return words.join(' ') + ' ';
}

/** One edit by the author owning `doc`: 10 % a new paragraph, 80 % typing, 10 % a deletion. */
function edit(doc: Y.Doc, random: () => number): void {
	const fragment = doc.getXmlFragment(FRAGMENT);
	const choice = random();
	if (choice < 0.1 || fragment.length === 0) {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(phrase(random, 5, 20))]);
		fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
		return;
	}
	const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
	const text = paragraph.get(0) as Y.XmlText;
	const at = Math.floor(random() * (text.length + 1));
	if (choice < 0.9) text.insert(at, phrase(random, 18, 35));
	else
		text.delete(
			Math.min(at, text.length),
			Math.min(5 + Math.floor(random() * 25), text.length - at)
		);
}

export function buildHistory(): History {
	const started = performance.now();
	const random = seeded(shape.seed);
	// Fixed client ids: the same history encodes to the same bytes in every run.
	const docs = Array.from({ length: shape.authors }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = 1000 + i;
		return doc;
	});
	const batches: Uint8Array[] = [];
	let pending: Uint8Array[] = [];
	for (const doc of docs) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === REMOTE) return;
			pending.push(update);
			for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, REMOTE);
		});
	}
	for (let i = 0; i < shape.edits; i++) {
		// An author writes for a while (a few dozen edits), then another takes over.
		const author = docs[Math.floor(i / 37) % shape.authors]!;
		edit(author, random);
		if (pending.length >= EDITS_PER_APPEND) {
			batches.push(Y.mergeUpdates(pending));
			pending = [];
		}
	}
	if (pending.length) batches.push(Y.mergeUpdates(pending));
	const doc = docs[0]!;
	const result = {
		batches,
		state: Y.encodeStateAsUpdate(doc),
		characters: characters(doc),
		paragraphs: doc.getXmlFragment(FRAGMENT).length,
		buildSeconds: (performance.now() - started) / 1000
	};
	docs.forEach((d) => d.destroy());
	return result;
}
