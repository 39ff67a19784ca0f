import * as Y from 'yjs';
import { FRAGMENT } from '../../../collab/protocol.ts';

// Seeded randomness and random edits, so a failing run can be repeated.

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ['erfa', 'kommun', 'region', 'modell', 'verktyg', 'process', 'samverkan', 'plan'];

/** Inserts a paragraph, types into one, or deletes some text or a paragraph. */
export function randomEdit(doc: Y.Doc, random: () => number): void {
	const fragment = doc.getXmlFragment(FRAGMENT);
	const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
	const word = `${pick(WORDS)} `;
	const choice = random();
	const texts = fragment
		.toArray()
		.flatMap((node) => (node instanceof Y.XmlElement ? node.toArray() : []))
		.filter((node): node is Y.XmlText => node instanceof Y.XmlText);
	if (choice < 0.35 || !texts.length) {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(word)]);
		fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
	} else if (choice < 0.8) {
		const text = pick(texts);
		text.insert(Math.floor(random() * (text.length + 1)), word);
	} else if (choice < 0.95 || fragment.length < 4) {
		const text = pick(texts);
		const at = Math.floor(random() * text.length);
		text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 6)));
	} else {
		fragment.delete(Math.floor(random() * fragment.length), 1);
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
