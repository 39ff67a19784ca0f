import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { SUGGESTION_ATTRIBUTE, withBlockMarks } from './block-suggestions.ts';

// The accepted text of a document: what it says with every open suggestion rejected, as
// @handlewithcare/prosemirror-suggest-changes itself rejects them (suggested insertions removed,
// a suggested new paragraph joined back, suggested deletions and format changes undone). The
// server compares it before and after a suggester's edit (collab/suggestions.ts); exports and
// search show it (server/documents/content.ts).

export interface DocJSON {
	type: string;
	attrs?: Record<string, unknown>;
	marks?: { type: string; attrs?: Record<string, unknown> }[];
	content?: DocJSON[];
	text?: string;
}

const KINDS = new Set(['insertion', 'deletion', 'modification']);
const ZERO_WIDTH = /\u200B/g;

// The library marks format changes on blocks only; a modification mark on text (none of our
// editors make one) would make its rejection fail, so it is read as no suggestion at all.
function withoutTextModifications(node: DocJSON): DocJSON {
	if (node.type === 'text') {
		return { ...node, marks: node.marks?.filter((mark) => mark.type !== 'modification') };
	}
	return node.content ? { ...node, content: node.content.map(withoutTextModifications) } : node;
}

/** The JSON without what only suggestions need: the attribute, leftover marks, zero widths. */
function plain(node: DocJSON): DocJSON | null {
	const marks = node.marks?.filter((mark) => !KINDS.has(mark.type));
	const { [SUGGESTION_ATTRIBUTE]: _suggestion, ...attrs } = node.attrs ?? {};
	const result: DocJSON = { type: node.type };
	if (Object.keys(attrs).length) result.attrs = attrs;
	if (marks?.length) result.marks = marks;
	if (node.type === 'text') {
		result.text = (node.text ?? '').replace(ZERO_WIDTH, '');
		return result.text ? result : null;
	}
	const content = node.content?.map(plain).filter((child) => child !== null);
	if (content) result.content = joinTexts(content);
	return result;
}

// Text that only a suggestion's mark kept apart is one run once the mark is gone.
function joinTexts(content: DocJSON[]): DocJSON[] {
	const joined: DocJSON[] = [];
	for (const node of content) {
		const last = joined.at(-1);
		const same = JSON.stringify(last?.marks ?? []) === JSON.stringify(node.marks ?? []);
		if (last?.type === 'text' && node.type === 'text' && same) {
			joined[joined.length - 1] = { ...last, text: `${last.text}${node.text}` };
		} else joined.push(node);
	}
	return joined;
}

// The library (and the ProseMirror state, transform and view code it brings, ~4 MB) is loaded
// the first time a document with an open suggestion is decided: the collaboration server holds
// documents that mostly have none (issue 17). Rejecting nothing leaves a document as it is.
let rejectAll: ((doc: PmNode) => PmNode) | null = null;

/** Makes acceptedJSON ready for documents with open suggestions. */
export async function loadRejection(): Promise<void> {
	rejectAll ??= (await import('./suggestion-commands.ts')).rejectAll;
}

function hasSuggestions(doc: PmNode): boolean {
	let found = false;
	doc.descendants((node) => {
		found ||= node.marks.some((mark) => KINDS.has(mark.type.name));
		return !found;
	});
	return found;
}

/**
 * The accepted document of `json` (a whole document as ProseMirror JSON, as Yjs keeps it).
 * Throws for a document with open suggestions until loadRejection() has resolved.
 */
export function acceptedJSON(schema: Schema, json: DocJSON): DocJSON {
	const doc = schema.nodeFromJSON(withoutTextModifications(withBlockMarks(json)));
	if (!hasSuggestions(doc)) return plain(doc.toJSON() as DocJSON) ?? { type: 'doc' };
	if (!rejectAll) throw new Error('open suggestions: await loadRejection() first');
	return plain(rejectAll(doc).toJSON() as DocJSON) ?? { type: 'doc' };
}

/** acceptedJSON, loading the library first when the document has open suggestions. */
export async function acceptedJSONLoading(schema: Schema, json: DocJSON): Promise<DocJSON> {
	try {
		return acceptedJSON(schema, json);
	} catch (error) {
		if (rejectAll) throw error;
		await loadRejection();
		return acceptedJSON(schema, json);
	}
}
