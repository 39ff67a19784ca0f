import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { documentSchema } from '../../documents/schema.ts';
import { toJSON, type PmNode } from './content.ts';

// toJSON reads Yjs without y-prosemirror's editor code (issue 17); what it reads must be what
// y-prosemirror itself reads, or the server would see another document than the editors.

const id = { id: 'u1|n1|Erik Berg' };
const doc: PmNode = {
	type: 'doc',
	content: [
		{
			type: 'heading',
			attrs: { level: 2, suggestion: null },
			content: [{ type: 'text', text: 'Mål' }]
		},
		{
			type: 'paragraph',
			content: [
				{ type: 'text', text: 'Vi ', marks: [{ type: 'deletion', attrs: id }] },
				{ type: 'text', text: 'har', marks: [{ type: 'bold' }, { type: 'insertion', attrs: id }] },
				{ type: 'hardBreak' },
				{
					type: 'text',
					text: 'en länk',
					marks: [{ type: 'link', attrs: { href: 'https://a.se' } }]
				}
			]
		},
		{
			type: 'bulletList',
			content: [
				{
					type: 'listItem',
					content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ett' }] }]
				}
			]
		},
		{ type: 'image', attrs: { src: '/uploads/a.png', alt: 'Karta' } }
	]
};

describe('toJSON', () => {
	it('reads a document from Yjs as y-prosemirror does', () => {
		const ydoc = prosemirrorJSONToYDoc(documentSchema(), doc, FRAGMENT);
		const theirs = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(FRAGMENT));
		expect(toJSON(ydoc)).toEqual(theirs);
		expect(documentSchema().nodeFromJSON(toJSON(ydoc)).textContent).toBe('MålVi haren länkEtt');
	});

	it('reads a mark that may overlap itself by its own name', () => {
		const ydoc = new Y.Doc();
		const paragraph = new Y.XmlElement('paragraph');
		ydoc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
		const text = new Y.XmlText();
		paragraph.insert(0, [text]);
		text.insert(0, 'Rubrik', { 'modification--AbCd12+=': { id: 'x' }, bold: {} });
		const theirs = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(FRAGMENT));
		expect(toJSON(ydoc)).toEqual(theirs);
		expect(toJSON(ydoc).content![0]!.content![0]!.marks![0]!.type).toBe('modification');
	});
});
