import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { authorOf } from '../../documents/suggestions.ts';
import { toJSON, type PmNode } from './content.ts';
import { anonymizeState } from './former-author.ts';
import * as store from './store.ts';

// The rewrite of a deleted person's suggestions: their id and name leave the Yjs state (not
// only its visible content), others' suggestions and the text stay as they were.

const anna = 'a0a0a0a0-0000-4000-8000-000000000001';
const erik = 'e0e0e0e0-0000-4000-8000-000000000002';

function documentWithSuggestions() {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	const text = new Y.XmlText('Vi ses i Avesta.');
	paragraph.insert(0, [text]);
	doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
	text.insert(8, ' snart', { insertion: { id: `${anna}|n1|Anna Lind` } });
	text.format(0, 2, { deletion: { id: `${erik}|n2|Erik Berg` } });
	text.format(3, 4, { deletion: { id: `${anna}|n3|Anna Lind` } });
	return Y.encodeStateAsUpdate(doc);
}

function marks(node: PmNode): string[] {
	const own = (node.marks ?? []).map((m) => `${m.type}:${String(m.attrs?.id)}`);
	return [...own, ...(node.content ?? []).flatMap(marks)];
}

const bytesHold = (state: Uint8Array, text: string) => Buffer.from(state).includes(text);

describe('anonymizing suggestions', () => {
	it('renames the person in every suggestion mark and keeps nothing of the old id', () => {
		const state = documentWithSuggestions();
		expect(bytesHold(state, anna)).toBe(true);
		const done = anonymizeState(state, anna)!;
		for (const bytes of [done.state, done.update]) {
			expect(bytesHold(bytes, anna)).toBe(false);
			expect(bytesHold(bytes, 'Anna Lind')).toBe(false);
		}
		const after = toJSON(store.toDoc(done.state));
		expect(marks(after).sort()).toEqual(
			[
				'deletion:former|n3|Tidigare medlem',
				`deletion:${erik}|n2|Erik Berg`,
				'insertion:former|n1|Tidigare medlem'
			].sort()
		);
		expect(authorOf('former|n1|Tidigare medlem')?.name).toBe('Tidigare medlem');
		expect(JSON.stringify(after)).toContain('"text":"ses "');
		// An editor holding the old state converges on the same content from the update.
		const editor = store.toDoc(state);
		Y.applyUpdate(editor, done.update);
		expect(toJSON(editor)).toEqual(after);
	});

	it('renames the person in a block suggestion, which travels as the block attribute', () => {
		const doc = new Y.Doc();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Ett nytt stycke.')]);
		const block = [{ type: 'insertion', attrs: { id: `${anna}|b1|Anna Lind` } }];
		paragraph.setAttribute('suggestion', JSON.stringify(block));
		doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
		const done = anonymizeState(Y.encodeStateAsUpdate(doc), anna)!;
		expect(bytesHold(done.state, anna)).toBe(false);
		expect(bytesHold(done.state, 'Anna Lind')).toBe(false);
		const after = toJSON(store.toDoc(done.state));
		expect(JSON.parse(String(after.content?.[0]?.attrs?.suggestion))).toEqual([
			{ type: 'insertion', attrs: { id: 'former|b1|Tidigare medlem' } }
		]);
	});

	it('leaves a document without the person alone', () => {
		expect(anonymizeState(documentWithSuggestions(), crypto.randomUUID())).toBeNull();
	});
});
