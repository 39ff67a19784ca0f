import { Extension, getSchema, mergeAttributes, Node, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { allowSuggestionMarks, SUGGESTION_ATTRIBUTE } from './block-suggestions.ts';
import { safeImageSrc } from './image-src.ts';
import { suggestionMarks } from './suggestions.ts';

// The one definition of what a document may contain. The editor in the browser and the server
// (export, import, versions, text extraction) build their ProseMirror schema from this list, so
// a document written in one is understood by the other.

export const calloutTones = ['info', 'tip', 'warning'] as const;
export type CalloutTone = (typeof calloutTones)[number];

/** A highlighted box ("Tips", "Observera") that needs no code to insert. */
export const Callout = Node.create({
	name: 'callout',
	group: 'block',
	content: 'paragraph+',
	defining: true,
	addAttributes() {
		return {
			tone: {
				default: 'info' as CalloutTone,
				parseHTML: (element) => {
					const tone = element.getAttribute('data-tone');
					return calloutTones.includes(tone as CalloutTone) ? tone : 'info';
				},
				renderHTML: (attributes) => ({ 'data-tone': attributes.tone })
			}
		};
	},
	parseHTML: () => [{ tag: 'aside[data-callout]' }],
	renderHTML: ({ HTMLAttributes }) => [
		'aside',
		mergeAttributes(HTMLAttributes, { 'data-callout': '', class: 'callout' }),
		0
	]
});

/**
 * The image node, taking only addresses safeImageSrc accepts: pasted or dropped HTML with any
 * other is not made an image, and an address that came in another way (an older document, a
 * collaborator's update) is left out when the image is drawn.
 */
export const SafeImage = Image.extend({
	addAttributes() {
		return {
			...this.parent?.(),
			src: {
				default: null,
				parseHTML: (element) => safeImageSrc(element.getAttribute('src')),
				renderHTML: (attributes) => ({ src: safeImageSrc(attributes.src) })
			}
		};
	},
	parseHTML() {
		return [
			{
				tag: 'img[src]',
				getAttrs: (element) => (safeImageSrc(element.getAttribute('src')) ? null : false)
			}
		];
	}
});

/** The `suggestion` attribute on every node type but text and the document itself. */
export const BlockSuggestions = Extension.create({
	name: 'blockSuggestions',

	addGlobalAttributes() {
		const types = this.extensions
			.filter((extension) => extension.type === 'node')
			.map((extension) => extension.name)
			.filter((name) => name !== 'text' && name !== 'doc');
		return [
			{
				types,
				attributes: {
					[SUGGESTION_ATTRIBUTE]: { default: null, rendered: false, keepOnSplit: false }
				}
			}
		];
	},

	onBeforeCreate() {
		allowSuggestionMarks(this.editor.schema);
	}
});

/** Extensions that define content (nodes and marks); editor-only behaviour is added on top. */
export function contentExtensions(): Extensions {
	return [
		// Yjs keeps the undo history (per person), so ProseMirror's own is off.
		StarterKit.configure({
			undoRedo: false,
			heading: { levels: [1, 2, 3, 4] },
			link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' }
		}),
		TaskList,
		TaskItem.configure({ nested: true }),
		TableKit.configure({ table: { resizable: false } }),
		SafeImage.configure({ inline: false, allowBase64: false }),
		Callout,
		...suggestionMarks(),
		BlockSuggestions
	];
}

export const documentSchema = () => allowSuggestionMarks(getSchema(contentExtensions()));
