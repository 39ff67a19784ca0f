import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { loadRejection } from '../../documents/accepted.ts';
import { acceptedText, changesAcceptedText } from './suggestions.ts';

// A suggester's connection loads the suggestion library (Suggestions.onConnect).
beforeAll(loadRejection);

// What a suggest-only connection may send: suggestions (marked insertions, deletions, format
// changes) and their withdrawal pass; any change of the accepted text does not.

const anna = { id: 'anna|x1|Anna Lind' };

function document(text: string) {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
	return doc;
}

const textOf = (doc: Y.Doc) =>
	(doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The update an edit on a copy of `doc` makes (doc itself is left as it is). */
function edit(doc: Y.Doc, change: (text: Y.XmlText, fragment: Y.XmlFragment) => void) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	change(textOf(copy), copy.getXmlFragment(FRAGMENT));
	return Y.encodeStateAsUpdate(copy, before);
}

describe('changesAcceptedText', () => {
	it('lets a suggested insertion, deletion and format change through', () => {
		const doc = document('Hej världen');
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.insert(3, ' stora', { insertion: anna }))
			)
		).toBe(false);
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.format(4, 7, { deletion: anna }))
			)
		).toBe(false);
		// A suggested format is the plain text suggested for deletion and the bold for insertion.
		const bold = edit(doc, (t) => {
			t.format(0, 3, { deletion: anna });
			t.insert(3, 'Hej', { bold: {}, insertion: anna });
		});
		expect(changesAcceptedText(doc, bold)).toBe(false);
	});

	it('lets a suggester withdraw their suggestion', () => {
		const doc = document('Hej');
		Y.applyUpdate(
			doc,
			edit(doc, (t) => t.insert(3, ' du', { insertion: anna }))
		);
		expect(acceptedText(doc)).toBe(acceptedText(document('Hej')));
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.delete(3, 3))
			)
		).toBe(false);
	});

	it('refuses plain typing, deleting, formatting and new paragraphs', () => {
		const doc = document('Hej världen');
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.insert(3, ' stora'))
			)
		).toBe(true);
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.delete(0, 4))
			)
		).toBe(true);
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.format(0, 3, { bold: {} }))
			)
		).toBe(true);
		const paragraph = edit(doc, (_t, f) => f.insert(1, [new Y.XmlElement('paragraph')]));
		expect(changesAcceptedText(doc, paragraph)).toBe(true);
	});

	it('refuses accepting a suggestion (removing its mark)', () => {
		const doc = document('Hej');
		Y.applyUpdate(
			doc,
			edit(doc, (t) => t.insert(3, ' du', { insertion: anna }))
		);
		expect(
			changesAcceptedText(
				doc,
				edit(doc, (t) => t.format(3, 3, { insertion: null }))
			)
		).toBe(true);
	});
});
