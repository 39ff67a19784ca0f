import {
	applySuggestion,
	revertSuggestion,
	revertSuggestions,
	suggestChangesKey
} from '@handlewithcare/prosemirror-suggest-changes';
import type { Node as PmNode } from '@tiptap/pm/model';
import { EditorState, type Command, type Transaction } from '@tiptap/pm/state';

// Accepting and rejecting suggestions with @handlewithcare/prosemirror-suggest-changes 0.1.8,
// around three of its gaps: removing a suggested block at the very end of the document throws
// (it reads the character after the document), deciding one suggestion decides every block
// format change in the document too, and rejecting a format change alone does nothing. So the
// library runs on a copy with an empty paragraph after the end (dropped again) and limited to
// the suggestion's range, and format changes are decided here by their id.

type Id = string | number;

/** Runs `command` on a bare copy of the state with a paragraph after the end; null if no-op. */
function withTrailingParagraph(state: EditorState, command: Command): Transaction | null {
	const paragraph = state.schema.nodes.paragraph;
	if (!paragraph) return null;
	const tr = state.tr.insert(state.doc.content.size, paragraph.create());
	let decided: Transaction | null = null;
	command(EditorState.create({ schema: state.schema, doc: tr.doc }), (t) => (decided = t));
	if (!decided) return null;
	for (const step of (decided as Transaction).steps) tr.step(step);
	const last = tr.doc.lastChild;
	if (last && tr.doc.childCount > 1 && last.type.name === 'paragraph' && last.content.size === 0) {
		tr.delete(tr.doc.content.size - last.nodeSize, tr.doc.content.size);
	}
	return tr.setMeta(suggestChangesKey, { skip: true });
}

interface Found {
	from: number;
	to: number;
	/** Inserted or deleted content (not only changed formats). */
	content: boolean;
	/** Positions of nodes whose format change this suggestion is. */
	formats: number[];
}

function find(doc: PmNode, id: Id): Found | null {
	let found: Found | null = null;
	doc.descendants((node, pos) => {
		for (const mark of node.marks) {
			if (mark.attrs.id !== id) continue;
			found ??= { from: pos, to: pos, content: false, formats: [] };
			found.to = Math.max(found.to, pos + node.nodeSize);
			if (mark.type.name === 'modification') {
				if (!found.formats.includes(pos)) found.formats.push(pos);
			} else found.content = true;
		}
		return true;
	});
	return found;
}

/** Format changes of one suggestion: kept (their marks removed) or undone. */
function decideFormats(tr: Transaction, positions: number[], id: Id, accept: boolean) {
	for (const pos of [...positions].reverse()) {
		const node = tr.doc.nodeAt(pos);
		if (!node) continue;
		const own = node.marks.filter((m) => m.type.name === 'modification' && m.attrs.id === id);
		const marks = node.marks.filter((mark) => !own.includes(mark));
		let type = node.type;
		const attrs = { ...node.attrs };
		for (const mark of accept ? [] : own) {
			const previous = tr.doc.type.schema.nodes[String(mark.attrs.previousValue)];
			if (mark.attrs.type === 'nodeType' && previous) type = previous;
			if (mark.attrs.type === 'attr') attrs[String(mark.attrs.attrName)] = mark.attrs.previousValue;
		}
		tr.setNodeMarkup(pos, type, type === node.type ? attrs : null, marks);
	}
}

/** Where a suggestion is in the document: from its first marked node to its last. */
export function rangeOf(doc: PmNode, id: Id): { from: number; to: number } | null {
	const found = find(doc, id);
	return found && { from: found.from, to: found.to };
}

/** The transaction that accepts or rejects one suggestion; null if there is none by that id. */
export function decideSuggestion(state: EditorState, id: Id, accept: boolean): Transaction | null {
	const found = find(state.doc, id);
	if (!found) return null;
	if (found.content) {
		const command = accept ? applySuggestion : revertSuggestion;
		return withTrailingParagraph(state, command(id as string, found.from, found.to));
	}
	const tr = state.tr.setMeta(suggestChangesKey, { skip: true });
	decideFormats(tr, found.formats, id, accept);
	return tr;
}

/** The document with every open suggestion rejected. */
export function rejectAll(doc: PmNode): PmNode {
	const state = EditorState.create({ schema: doc.type.schema, doc });
	return withTrailingParagraph(state, revertSuggestions)?.doc ?? doc;
}
