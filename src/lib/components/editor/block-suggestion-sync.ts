import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from 'y-prosemirror';
import {
	encodeBlockMarks,
	marksFromAttribute,
	SUGGESTION_ATTRIBUTE
} from '$lib/documents/block-suggestions';

// Keeps block suggestions' marks and their `suggestion` attribute (documents/block-suggestions)
// the same. After an edit made here the marks are what the library wrote, so the attribute
// follows them and y-prosemirror sends it; after one that came through Yjs (someone else, undo,
// the first load) the attribute is what arrived, so the marks follow it.

const fromYjs = (tr: Transaction) =>
	(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;

function differs(node: PmNode): boolean {
	return encodeBlockMarks(node.marks) !== (node.attrs[SUGGESTION_ATTRIBUTE] ?? null);
}

export const blockSuggestionSync = () =>
	new Plugin({
		key: new PluginKey('blockSuggestionSync'),
		appendTransaction(transactions, _old, state) {
			if (!transactions.some((tr) => tr.docChanged)) return null;
			const remote = transactions.some(fromYjs);
			const tr = state.tr;
			state.doc.descendants((node, pos) => {
				if (node.isText || !(SUGGESTION_ATTRIBUTE in node.attrs) || !differs(node)) return true;
				if (remote) tr.setNodeMarkup(pos, null, node.attrs, marksFromAttribute(state.schema, node));
				else tr.setNodeAttribute(pos, SUGGESTION_ATTRIBUTE, encodeBlockMarks(node.marks));
				return true;
			});
			return tr.docChanged ? tr.setMeta('addToHistory', false) : null;
		}
	});
