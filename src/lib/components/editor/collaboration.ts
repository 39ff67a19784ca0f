import { Extension } from '@tiptap/core';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { textOn } from './peers';

// Binds the editor to the Yjs document with y-prosemirror directly: the text (ySyncPlugin),
// other people's carets and selections with their names (yCursorPlugin) and an undo history
// of one's own edits only (yUndoPlugin).

export interface CollaborationOptions {
	fragment: Y.XmlFragment | null;
	awareness: Awareness | null;
}

interface CursorUser {
	name: string;
	color: string;
}

// The name is shown by CSS (content: attr(data-name)), so it never becomes part of the text:
// not in what is copied, not read out in the middle of a word (who is here is listed apart).
function caret(user: CursorUser): HTMLElement {
	const caret = document.createElement('span');
	caret.className = 'collab-caret';
	caret.setAttribute('aria-hidden', 'true');
	caret.dataset.name = user.name;
	caret.style.borderColor = user.color;
	caret.style.setProperty('--caret-color', user.color);
	caret.style.setProperty('--caret-text', textOn(user.color));
	return caret;
}

const selection = (user: CursorUser) => ({
	class: 'collab-selection',
	style: `background-color: ${user.color}33`
});

export const Collaboration = Extension.create<CollaborationOptions>({
	name: 'erfaCollaboration',
	// Before the content extensions' plugins, so theirs see the synced document.
	priority: 1000,

	addOptions() {
		return { fragment: null, awareness: null };
	},

	addProseMirrorPlugins() {
		const { fragment, awareness } = this.options;
		if (!fragment || !awareness) throw new Error('Collaboration needs a fragment and awareness');
		return [
			ySyncPlugin(fragment),
			yCursorPlugin(awareness, { cursorBuilder: caret, selectionBuilder: selection }),
			yUndoPlugin()
		];
	},

	addKeyboardShortcuts() {
		return {
			'Mod-z': () => undo(this.editor.state),
			'Mod-Shift-z': () => redo(this.editor.state),
			'Mod-y': () => redo(this.editor.state)
		};
	}
});
