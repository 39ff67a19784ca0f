import { describe, expect, it } from 'vitest';
import { contentSchema } from './content-schema.ts';
import { contentSpecOf } from './content-spec-of.ts';
import { contentSpec } from './content-spec.ts';
import { documentSchema } from './schema.ts';

// The server's schema (content-schema.ts) must say about content exactly what the editor's
// TipTap schema says, or a document read on the server would differ from the one edited.
describe('the content schema', () => {
	it('is the TipTap schema without its HTML parsing and rendering', () => {
		// On failure: node scripts/content-schema-spec.ts && npx prettier --write src/lib/documents/content-spec.ts
		expect(contentSpec).toEqual(contentSpecOf(documentSchema()));
	});

	it('allows the same content and marks in every node', () => {
		const [lean, full] = [contentSchema(), documentSchema()];
		const shape = (schema: typeof lean) =>
			Object.values(schema.nodes).map((type) => ({
				name: type.name,
				marks: type.markSet?.map((mark) => mark.name) ?? null,
				attrs: type.isText ? null : type.create().attrs,
				content: String(type.contentMatch)
			}));
		expect(shape(lean)).toEqual(shape(full));
	});
});
