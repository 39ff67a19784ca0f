import { Schema } from '@tiptap/pm/model';
import { allowSuggestionMarks } from './block-suggestions.ts';
import { contentSpec } from './content-spec.ts';

// The document schema as far as content goes (content-spec.ts, generated from schema.ts), built
// with prosemirror-model alone: the server reads, compares and rewrites documents' JSON with it
// (accepted text, versions) without loading TipTap's editor packages, ~7 MB of a process that
// only holds collaboration rooms (issue 17). Rendering and parsing HTML use schema.ts.

let schema: Schema | null = null;

export function contentSchema(): Schema {
	schema ??= allowSuggestionMarks(
		new Schema({
			nodes: Object.fromEntries(contentSpec.nodes),
			marks: Object.fromEntries(contentSpec.marks),
			topNode: contentSpec.topNode
		})
	);
	return schema;
}
