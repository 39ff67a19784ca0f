import { Mark, mergeAttributes } from '@tiptap/core';
import { colorFor } from '../collab/colors.ts';

// Suggested changes ("Föreslå"): text someone proposes to insert or delete is kept in the
// document with an `insertion` or `deletion` mark (and a changed format with `modification`),
// as @handlewithcare/prosemirror-suggest-changes expects them. y-prosemirror keeps marks on
// text as Yjs formatting, so suggestions travel, merge offline and survive a reload like any
// other edit. The mark's only attribute is the suggestion's id; it carries who suggested it
// ("<user id>|<nonce>|<name>"), so a suggestion names its author without a lookup.

export const SUGGESTION_MARKS = ['insertion', 'deletion', 'modification'] as const;
export type SuggestionKind = (typeof SUGGESTION_MARKS)[number];

export interface SuggestionAuthor {
	id: string;
	name: string;
}

export function suggestionId(author: SuggestionAuthor): string {
	const nonce = Math.random().toString(36).slice(2, 10);
	return `${author.id}|${nonce}|${author.name}`;
}

/** The author of a suggestion id; null for an id not made by suggestionId(). */
export function authorOf(id: unknown): SuggestionAuthor | null {
	if (typeof id !== 'string') return null;
	const [userId, nonce, ...name] = id.split('|');
	if (!userId || !nonce || name.length === 0) return null;
	return { id: userId, name: name.join('|') };
}

// The author's name and colour are drawn from the id (document-content.css shows the name on
// hover and focus); the id itself stays in data-suggestion so that the marks parse back.
function authorAttributes(id: unknown) {
	const author = authorOf(id);
	return {
		'data-suggestion': typeof id === 'string' || typeof id === 'number' ? String(id) : '',
		...(author && {
			'data-author': author.name,
			style: `--suggestion-color: ${colorFor(author.id)}`
		})
	};
}

const idAttribute = {
	id: {
		default: null,
		parseHTML: (element: HTMLElement) => element.getAttribute('data-suggestion'),
		renderHTML: (attributes: Record<string, unknown>) => authorAttributes(attributes.id)
	}
};

export const Insertion = Mark.create({
	name: 'insertion',
	inclusive: false,
	excludes: 'deletion modification insertion',
	addAttributes: () => idAttribute,
	parseHTML: () => [{ tag: 'ins[data-suggestion]' }],
	renderHTML: ({ HTMLAttributes }) => ['ins', mergeAttributes(HTMLAttributes), 0]
});

export const Deletion = Mark.create({
	name: 'deletion',
	inclusive: false,
	excludes: 'insertion modification deletion',
	addAttributes: () => idAttribute,
	parseHTML: () => [{ tag: 'del[data-suggestion]' }],
	renderHTML: ({ HTMLAttributes }) => ['del', mergeAttributes(HTMLAttributes), 0]
});

export const Modification = Mark.create({
	name: 'modification',
	inclusive: false,
	excludes: 'deletion insertion',
	addAttributes: () => ({
		...idAttribute,
		type: { default: null, rendered: false },
		attrName: { default: null, rendered: false },
		previousValue: { default: null, rendered: false },
		newValue: { default: null, rendered: false }
	}),
	parseHTML: () => [{ tag: 'span[data-modification]' }],
	renderHTML: ({ HTMLAttributes }) => [
		'span',
		mergeAttributes(HTMLAttributes, { 'data-modification': '' }),
		0
	]
});

export const suggestionMarks = () => [Insertion, Deletion, Modification];
