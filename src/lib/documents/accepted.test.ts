import { describe, expect, it } from 'vitest';
import { acceptedJSON, loadRejection, type DocJSON } from './accepted.ts';
import { contentSchema } from './content-schema.ts';

// The suggestion library is loaded only for a document with open suggestions (issue 17): one
// without any is decided as it is, and one with them waits for loadRejection().

const paragraph = (text: string, marks?: DocJSON['marks']): DocJSON => ({
	type: 'doc',
	content: [{ type: 'paragraph', content: [{ type: 'text', text, ...(marks && { marks }) }] }]
});
const insertion = [{ type: 'insertion', attrs: { id: 'u1|n1|Erik Berg' } }];

describe('acceptedJSON', () => {
	it('decides a document without suggestions before the library is loaded', () => {
		expect(acceptedJSON(contentSchema(), paragraph('Vi har en plan.'))).toEqual(
			paragraph('Vi har en plan.')
		);
		expect(() => acceptedJSON(contentSchema(), paragraph('Ny', insertion))).toThrow(
			/loadRejection/
		);
	});

	it('decides open suggestions once the library is loaded', async () => {
		await loadRejection();
		expect(acceptedJSON(contentSchema(), paragraph('Ny', insertion))).toEqual({
			type: 'doc',
			content: [{ type: 'paragraph' }]
		});
	});
});
