import type { Node } from '@tiptap/pm/model';
import { authorOf, type SuggestionAuthor } from '$lib/documents/suggestions';

// The open suggestions of a document, read from its marks, in document order: one entry per
// suggestion id with what it would insert and delete and who suggested it.

export interface Suggestion {
	id: string | number;
	author: SuggestionAuthor | null;
	inserted: string;
	deleted: string;
	/** A changed format (a paragraph made a heading…) rather than changed text. */
	formatted: boolean;
	/** The text whose format the suggestion changes. */
	formattedText: string;
	/** Blocks without text (an image, a divider) the suggestion adds or removes. */
	insertedObjects: SuggestedObject[];
	deletedObjects: SuggestedObject[];
	from: number;
}

/** A block without text, named by what a reader sees of it. */
export interface SuggestedObject {
	type: 'image' | 'rule' | 'other';
	/** An image's alternative text, when it has one. */
	alt?: string;
}

function objectOf(node: Node): SuggestedObject {
	if (node.type.name === 'image') {
		const alt = String(node.attrs.alt ?? '').trim();
		return alt ? { type: 'image', alt } : { type: 'image' };
	}
	if (node.type.name === 'horizontalRule') return { type: 'rule' };
	return { type: 'other' };
}

const ZERO_WIDTH = /\u200B/g;

export function suggestionsIn(doc: Node): Suggestion[] {
	const found = new Map<string | number, Suggestion>();
	doc.descendants((node, pos) => {
		for (const mark of node.marks) {
			const kind = mark.type.name;
			if (kind !== 'insertion' && kind !== 'deletion' && kind !== 'modification') continue;
			const id = mark.attrs.id as string | number;
			let entry = found.get(id);
			if (!entry) {
				entry = {
					id,
					author: authorOf(id),
					inserted: '',
					deleted: '',
					formatted: false,
					formattedText: '',
					insertedObjects: [],
					deletedObjects: [],
					from: pos
				};
				found.set(id, entry);
			}
			// An image or a divider has no text to quote: it is named instead.
			if (node.isLeaf && !node.isText && kind !== 'modification') {
				(kind === 'insertion' ? entry.insertedObjects : entry.deletedObjects).push(objectOf(node));
				continue;
			}
			// A whole suggested block (marked as a node) counts with all of its text.
			const text = (node.isText ? (node.text ?? '') : node.textContent).replace(ZERO_WIDTH, '');
			const separated = node.isText ? text : `\n${text}`;
			if (kind === 'insertion') entry.inserted += separated;
			else if (kind === 'deletion') entry.deleted += separated;
			else if (!entry.formatted) {
				entry.formatted = true;
				entry.formattedText = text;
			}
		}
		return true;
	});
	return [...found.values()];
}

const suggestionKinds = new Set(['insertion', 'deletion', 'modification']);

/**
 * The id of the suggestion at a cursor position: on the text right after or before it, or on
 * a block around it (a suggested block is marked as a whole). Null where nothing is suggested.
 */
export function suggestionIdAt(doc: Node, pos: number): string | number | null {
	const at = doc.resolve(pos);
	const marks = [...(at.nodeAfter?.marks ?? []), ...(at.nodeBefore?.marks ?? [])];
	for (let depth = at.depth; depth > 0; depth--) marks.push(...at.node(depth).marks);
	const mark = marks.find((m) => suggestionKinds.has(m.type.name));
	return mark ? (mark.attrs.id as string | number) : null;
}
