import { describe, expect, it } from 'vitest';
import { accepted, plainText, type PmNode } from './content.ts';

// Exports and search show the text as decided: open suggestions are not part of it yet.

const id = { id: 'u1|n1|Erik Berg' };
const doc: PmNode = {
	type: 'doc',
	content: [
		{
			type: 'paragraph',
			content: [
				{ type: 'text', text: 'Vi ', marks: [{ type: 'deletion', attrs: id }] },
				{ type: 'text', text: 'har en ', marks: [{ type: 'bold' }] },
				{ type: 'text', text: 'plan.' },
				{ type: 'text', text: ' Den gäller 2027.', marks: [{ type: 'insertion', attrs: id }] },
				{ type: 'text', text: '\u200B', marks: [{ type: 'deletion', attrs: id }] }
			]
		}
	]
};

describe('accepted', () => {
	it('drops suggested insertions, keeps suggested deletions and other formats', async () => {
		const result = await accepted(doc);
		expect(plainText(result)).toBe('Vi har en plan.');
		const texts = result.content![0]!.content!;
		expect(texts.map((t) => t.marks?.map((m) => m.type))).toEqual([undefined, ['bold'], undefined]);
	});

	it('leaves out a suggested new block and joins a suggested paragraph break', async () => {
		const insertion = [{ type: 'insertion', attrs: id }];
		const result = await accepted({
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Vi har' },
						{ type: 'text', text: '\u200B', marks: insertion }
					]
				},
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: '\u200B', marks: insertion },
						{ type: 'text', text: ' en plan.' }
					]
				},
				{
					type: 'paragraph',
					attrs: { suggestion: JSON.stringify(insertion) },
					content: [{ type: 'text', text: 'Ett nytt stycke.' }]
				}
			]
		});
		expect(plainText(result)).toBe('Vi har en plan.');
	});
});
