import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { loadRejection } from '../../documents/accepted.ts';
import { changesAcceptedText } from './suggestions.ts';

// A suggester's connection loads the suggestion library (Suggestions.onConnect).
beforeAll(loadRejection);

// Suggestions on whole blocks travel as the blocks' `suggestion` attribute (y-prosemirror keeps
// attributes, not block marks): a suggest-only connection may add them, but may not add, remove
// or retype a block for real, nor decide a block suggestion.

const id = 'anna|x1|Anna Lind';
const as = (type: string, attrs: object = {}) =>
	JSON.stringify([{ type, attrs: { id, ...attrs } }]);

function block(name: string, text: string, suggestion?: string) {
	const element = new Y.XmlElement(name);
	if (name === 'heading') element.setAttribute('level', 2 as unknown as string);
	if (suggestion) element.setAttribute('suggestion', suggestion);
	element.insert(0, [new Y.XmlText(text)]);
	return element;
}

function document(...blocks: Y.XmlElement[]) {
	const doc = new Y.Doc();
	doc.getXmlFragment(FRAGMENT).insert(0, blocks);
	return doc;
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment(FRAGMENT);

function edit(doc: Y.Doc, change: (fragment: Y.XmlFragment) => void) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	change(fragment(copy));
	return Y.encodeStateAsUpdate(copy, before);
}

const changes = (doc: Y.Doc, change: (fragment: Y.XmlFragment) => void) =>
	changesAcceptedText(doc, edit(doc, change));

describe('block-level suggestions from a suggest-only connection', () => {
	it('lets a suggested new block, a suggested block deletion and a suggested heading through', () => {
		const doc = document(block('paragraph', 'Vi har en plan.'));
		expect(changes(doc, (f) => f.insert(1, [block('paragraph', 'Ny.', as('insertion'))]))).toBe(
			false
		);
		expect(
			changes(doc, (f) => (f.get(0) as Y.XmlElement).setAttribute('suggestion', as('deletion')))
		).toBe(false);
		const retyped = as('modification', {
			type: 'nodeType',
			previousValue: 'paragraph',
			newValue: 'heading'
		});
		expect(
			changes(doc, (f) => {
				f.delete(0, 1);
				f.insert(0, [block('heading', 'Vi har en plan.', retyped)]);
			})
		).toBe(false);
	});

	it('lets a paragraph be split as a suggestion (Enter in suggest mode)', () => {
		const doc = document(block('paragraph', 'Vi har en plan.'));
		const split = edit(doc, (f) => {
			const text = (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;
			text.delete(6, 9);
			text.insert(6, '\u200B', { insertion: { id } });
			const after = new Y.XmlElement('paragraph');
			const rest = new Y.XmlText();
			rest.insert(0, '\u200B', { insertion: { id } });
			rest.insert(1, ' en plan.', { insertion: null });
			after.insert(0, [rest]);
			f.insert(1, [after]);
		});
		expect(changesAcceptedText(doc, split)).toBe(false);
	});

	it('refuses a real new block, a removed block and a real heading', () => {
		const doc = document(block('paragraph', 'Ett.'), block('paragraph', 'Två.'));
		expect(changes(doc, (f) => f.insert(1, [block('paragraph', 'Ny.')]))).toBe(true);
		expect(changes(doc, (f) => f.delete(1, 1))).toBe(true);
		expect(
			changes(doc, (f) => {
				f.delete(0, 1);
				f.insert(0, [block('heading', 'Ett.')]);
			})
		).toBe(true);
	});

	it('refuses deciding a block suggestion: keeping a suggested block or dropping its mark', () => {
		const doc = document(block('paragraph', 'Ett.'), block('paragraph', 'Ny.', as('insertion')));
		expect(changes(doc, (f) => (f.get(1) as Y.XmlElement).removeAttribute('suggestion'))).toBe(
			true
		);
		const marked = document(block('paragraph', 'Ett.', as('deletion')));
		expect(changes(marked, (f) => f.delete(0, 1))).toBe(true);
		// Withdrawing one's own suggested block leaves the accepted text as it was.
		expect(changes(doc, (f) => f.delete(1, 1))).toBe(false);
	});
});
