import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
	absolutePositionToRelativePosition,
	relativePositionToAbsolutePosition,
	ySyncPluginKey
} from 'y-prosemirror';
import * as Y from 'yjs';
import { stillQuoted } from '$lib/documents/anchors';
import type { Anchor, RelativePosition } from '$lib/documents/types';

// Highlights the stretches of text that comment threads are about. An anchor is two Yjs
// relative positions, so it follows its characters through everyone's edits; it is turned
// into editor positions through y-prosemirror's binding whenever the document changes from
// Yjs, and mapped through local edits in between.

export type { Anchor };
export interface AnchoredThread {
	id: string;
	anchor: Anchor;
	/** The text the thread was started on, to tell when it is gone. */
	quote?: string | null;
}

interface AnchorsState {
	threads: AnchoredThread[];
	active: string | null;
	decorations: DecorationSet;
}
type Meta = Partial<Pick<AnchorsState, 'threads' | 'active'>>;

export const commentAnchorsKey = new PluginKey<AnchorsState>('commentAnchors');

interface SyncState {
	doc: Y.Doc;
	type: Y.XmlFragment;
	binding: { mapping: Map<unknown, unknown> } | null;
	isChangeOrigin: boolean;
}

const syncState = (state: EditorState) => ySyncPluginKey.getState(state) as SyncState | undefined;

/** Where an anchor is in the editor now, or null when its text is gone. */
export function resolveAnchor(
	state: EditorState,
	anchor: Anchor,
	quote?: string | null
): { from: number; to: number } | null {
	const sync = syncState(state);
	if (!sync?.binding || sync.binding.mapping.size === 0) return null;
	const at = (json: RelativePosition) =>
		relativePositionToAbsolutePosition(
			sync.doc,
			sync.type,
			Y.createRelativePositionFromJSON(json),
			sync.binding!.mapping as never
		);
	const from = at(anchor.start);
	const to = at(anchor.end);
	if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
	if (quote && !stillQuoted(quote, state.doc.textBetween(from, to, ' ', ' '))) return null;
	return { from, to };
}

/** An anchor and the quoted text for the current selection, or null when nothing is selected. */
export function anchorOfSelection(state: EditorState): { anchor: Anchor; quote: string } | null {
	const { from, to, empty } = state.selection;
	return empty ? null : anchorOfRange(state, from, to);
}

/** An anchor on from–to; `fallback` is the quote when the range holds no text (a new line). */
export function anchorOfRange(
	state: EditorState,
	from: number,
	to: number,
	fallback = ''
): { anchor: Anchor; quote: string } | null {
	const sync = syncState(state);
	if (!sync?.binding) return null;
	const relative = (pos: number) =>
		Y.relativePositionToJSON(
			absolutePositionToRelativePosition(pos, sync.type, sync.binding!.mapping as never)
		) as RelativePosition;
	const text = state.doc
		.textBetween(from, to, ' ', ' ')
		.replace(/[\s\u200B]+/g, ' ')
		.trim();
	const quote = text || fallback;
	if (!quote) return null;
	return { anchor: { start: relative(from), end: relative(to) }, quote: quote.slice(0, 500) };
}

function decorate(state: EditorState, threads: AnchoredThread[], active: string | null) {
	const decorations: Decoration[] = [];
	for (const thread of threads) {
		const range = resolveAnchor(state, thread.anchor, thread.quote);
		if (!range) continue;
		const className = thread.id === active ? 'comment-anchor active' : 'comment-anchor';
		decorations.push(
			Decoration.inline(
				range.from,
				range.to,
				{ class: className, 'data-comment': thread.id },
				{ threadId: thread.id }
			)
		);
	}
	return DecorationSet.create(state.doc, decorations);
}

export interface CommentAnchorsOptions {
	/** Called when someone clicks highlighted text: the thread to show. */
	onActivate: (threadId: string) => void;
	/** Mod-Alt-m: comment on the selected text. */
	onComment: () => void;
}

export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
	name: 'commentAnchors',

	addOptions() {
		return { onActivate: () => {}, onComment: () => {} };
	},

	addKeyboardShortcuts() {
		return {
			'Mod-Alt-m': () => {
				this.options.onComment();
				return true;
			}
		};
	},

	addProseMirrorPlugins() {
		const onActivate = this.options.onActivate;
		return [
			new Plugin<AnchorsState>({
				key: commentAnchorsKey,
				state: {
					init: () => ({ threads: [], active: null, decorations: DecorationSet.empty }),
					apply(tr, value, _old, state) {
						const meta = tr.getMeta(commentAnchorsKey) as Meta | undefined;
						if (meta || syncState(state)?.isChangeOrigin) {
							const next = { ...value, ...meta };
							return { ...next, decorations: decorate(state, next.threads, next.active) };
						}
						if (!tr.docChanged) return value;
						return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
					}
				},
				props: {
					decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
					handleClick(view, pos) {
						const found = commentAnchorsKey.getState(view.state)?.decorations.find(pos, pos);
						const id = (found?.[0]?.spec as { threadId?: string } | undefined)?.threadId;
						if (id) onActivate(id);
						return false;
					}
				}
			})
		];
	}
});

/** Shows these threads' anchors, `active` emphasised. */
export function setAnchors(
	view: { state: EditorState; dispatch: (tr: EditorState['tr']) => void },
	meta: Meta
): void {
	view.dispatch(view.state.tr.setMeta(commentAnchorsKey, meta));
}
