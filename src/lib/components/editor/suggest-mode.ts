import {
	disableSuggestChanges,
	enableSuggestChanges,
	isSuggestChangesEnabled,
	suggestChanges,
	suggestChangesKey,
	transformToSuggestionTransaction
} from '@handlewithcare/prosemirror-suggest-changes';
import { Extension, type Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from 'y-prosemirror';
import { decideSuggestion } from '$lib/documents/suggestion-commands';
import { suggestionId, type SuggestionAuthor } from '$lib/documents/suggestions';
import { blockSuggestionSync } from './block-suggestion-sync';

// "Föreslå": while on, every edit made here is turned into a suggestion (insertions and
// deletions marked, not applied) by @handlewithcare/prosemirror-suggest-changes. Edits that
// arrive from Yjs (other people, undo/redo) are already what they are and pass unchanged.

export interface SuggestModeOptions {
	author: SuggestionAuthor | null;
	/** Told after each edit made here that became a suggestion. */
	onSuggest: () => void;
}

function fromYjs(transaction: Transaction): boolean {
	const meta = (transaction.getMeta(ySyncPluginKey) ?? {}) as { isChangeOrigin?: boolean };
	return meta.isChangeOrigin === true;
}

function skipped(transaction: Transaction): boolean {
	const meta = transaction.getMeta(suggestChangesKey) as Record<string, unknown> | undefined;
	return meta !== undefined && 'skip' in meta;
}

export const SuggestMode = Extension.create<SuggestModeOptions>({
	name: 'suggestMode',

	addOptions() {
		return { author: null, onSuggest: () => {} };
	},

	addProseMirrorPlugins() {
		return [suggestChanges(), blockSuggestionSync()];
	},

	dispatchTransaction({ transaction, next }) {
		const { author } = this.options;
		const state = this.editor.state;
		const suggest =
			author !== null &&
			isSuggestChangesEnabled(state) &&
			transaction.docChanged &&
			!fromYjs(transaction) &&
			!skipped(transaction);
		next(
			suggest
				? transformToSuggestionTransaction(transaction, state, () => suggestionId(author))
				: transaction
		);
		if (suggest) this.options.onSuggest();
	}
});

export const isSuggesting = (editor: Editor) => isSuggestChangesEnabled(editor.state);

export function setSuggesting(editor: Editor, on: boolean) {
	const command = on ? enableSuggestChanges : disableSuggestChanges;
	command(editor.state, editor.view.dispatch);
}

export function decide(editor: Editor, ids: unknown[], accept: boolean) {
	for (const id of ids) {
		const tr = decideSuggestion(editor.state, id as string, accept);
		if (tr) editor.view.dispatch(tr);
	}
}
