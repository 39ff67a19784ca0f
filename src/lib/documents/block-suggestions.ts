import type { Mark, Node as PmNode, Schema } from '@tiptap/pm/model';

// Suggestions on whole blocks (a new paragraph or table, a removed image, a paragraph made a
// heading): prosemirror-suggest-changes records them as marks on the block node, but
// y-prosemirror 1.3 syncs a block's attributes, not its marks. So every node but text carries a
// `suggestion` attribute: its suggestion marks as JSON, which y-prosemirror keeps. The editor
// writes the attribute from the marks after its own edits and the marks from the attribute
// after other people's (editor/block-suggestion-sync.ts); the server reads the attribute back
// into marks before it decides what is accepted (documents/accepted.ts).

export const SUGGESTION_ATTRIBUTE = 'suggestion';
const KINDS = new Set(['insertion', 'deletion', 'modification']);

export interface MarkJSON {
	type: string;
	attrs?: Record<string, unknown>;
}

/** The attribute's value for a node's marks: its suggestion marks as JSON, or null. */
export function encodeBlockMarks(marks: readonly Mark[]): string | null {
	const own = marks.filter((mark) => KINDS.has(mark.type.name)).map((mark) => mark.toJSON());
	return own.length ? JSON.stringify(own) : null;
}

/** The suggestion marks an attribute value names; nothing for a value not made here. */
export function decodeBlockMarks(value: unknown): MarkJSON[] {
	if (typeof value !== 'string') return [];
	try {
		const parsed: unknown = JSON.parse(value);
		if (!Array.isArray(parsed)) return [];
		return parsed.filter(
			(mark): mark is MarkJSON =>
				typeof mark === 'object' && mark !== null && KINDS.has((mark as MarkJSON).type)
		);
	} catch {
		return [];
	}
}

/** The node's marks as the attribute says: its other marks kept, its suggestion marks replaced. */
export function marksFromAttribute(schema: Schema, node: PmNode): Mark[] {
	const others = node.marks.filter((mark) => !KINDS.has(mark.type.name));
	const decoded: Mark[] = [];
	for (const json of decodeBlockMarks(node.attrs[SUGGESTION_ATTRIBUTE])) {
		try {
			decoded.push(schema.markFromJSON(json));
		} catch {
			// A mark this schema does not know is left out, not a reason to lose the document.
		}
	}
	return decoded.reduce<readonly Mark[]>((set, mark) => mark.addToSet(set), others) as Mark[];
}

interface JsonNode {
	type: string;
	attrs?: Record<string, unknown>;
	marks?: MarkJSON[];
	content?: JsonNode[];
	text?: string;
}

/** A document's JSON (as Yjs stores it) with each block's suggestion marks read back. */
export function withBlockMarks<T extends JsonNode>(node: T): T {
	const marks = decodeBlockMarks(node.attrs?.[SUGGESTION_ATTRIBUTE]);
	const content = node.content?.map(withBlockMarks);
	return {
		...node,
		...(marks.length && { marks: [...(node.marks ?? []), ...marks] }),
		...(content && { content })
	};
}

/**
 * Block containers (the document, lists, quotes, tables) and code blocks allow no marks on what
 * they hold; suggestion marks must be allowed there, or the library's block suggestions fail.
 * TipTap lets no extension widen another's `marks`, so the built schema is widened instead.
 */
export function allowSuggestionMarks(schema: Schema): Schema {
	const kinds = [...KINDS].map((name) => schema.marks[name]).filter((type) => type !== undefined);
	for (const type of Object.values(schema.nodes)) {
		const set = type.markSet;
		if (set === null) continue;
		const missing = kinds.filter((kind) => !set.includes(kind));
		if (missing.length) (type as { markSet: readonly unknown[] }).markSet = [...set, ...missing];
	}
	return schema;
}
