import {
	enableSuggestChanges,
	suggestChanges,
	transformToSuggestionTransaction
} from '@handlewithcare/prosemirror-suggest-changes';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '$lib/documents/schema';
import { suggestionId } from '$lib/documents/suggestions';
import { suggestionIdAt, suggestionsIn } from './suggestion-list.ts';

// What the suggestions panel lists: removing an image or a divider is named as such, not as a
// "new paragraph" (the summary a suggestion without text used to get).

const schema = documentSchema();
const author = { id: '7b0c0000-0000-4000-8000-000000000001', name: 'Erik Berg' };

function start() {
	let state = EditorState.create({
		doc: schema.nodeFromJSON({
			type: 'doc',
			content: [
				{ type: 'paragraph', content: [{ type: 'text', text: 'Före.' }] },
				{ type: 'image', attrs: { src: '/docs/images/karta.png', alt: 'Karta över Ludvika' } },
				{ type: 'horizontalRule' },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Efter.' }] }
			]
		}),
		plugins: [suggestChanges()]
	});
	enableSuggestChanges(state, (tr) => (state = state.apply(tr)));
	return state;
}

function suggest(state: EditorState, change: (tr: Transaction) => void) {
	const tr = state.tr;
	change(tr);
	return state.apply(transformToSuggestionTransaction(tr, state, () => suggestionId(author)));
}

/** The position of the first node of a type. */
function at(state: EditorState, type: string): number {
	let found = -1;
	state.doc.descendants((node, pos) => {
		if (found < 0 && node.type.name === type) found = pos;
		return found < 0;
	});
	return found;
}

describe('suggestionsIn', () => {
	it('names a removed image by its alternative text and a removed divider as a divider', () => {
		let state = start();
		const image = at(state, 'image');
		state = suggest(state, (tr) => tr.delete(image, image + 1));
		const all = suggestionsIn(state.doc);
		expect(all).toHaveLength(1);
		const one = all[0]!;
		expect(one.author?.name).toBe('Erik Berg');
		expect(one.deletedObjects).toEqual([{ type: 'image', alt: 'Karta över Ludvika' }]);
		expect(one.inserted + one.deleted).toBe('');

		const rule = at(state, 'horizontalRule');
		state = suggest(state, (tr) => tr.delete(rule, rule + 1));
		expect(suggestionsIn(state.doc).flatMap((s) => s.deletedObjects)).toContainEqual({
			type: 'rule'
		});
	});

	it('names an added divider', () => {
		let state = start();
		const end = state.doc.content.size;
		state = suggest(state, (tr) => tr.insert(end, schema.nodes.horizontalRule!.create()));
		expect(suggestionsIn(state.doc).flatMap((s) => s.insertedObjects)).toEqual([{ type: 'rule' }]);
	});
});

describe('suggestionIdAt', () => {
	it('finds the suggestion a cursor is in or right beside, and nothing elsewhere', () => {
		let state = start();
		// "Före." is at 1..6: "nu " suggested before it, at 1.
		state = suggest(state, (tr) => tr.insertText('nu ', 1));
		const [inserted] = suggestionsIn(state.doc);
		expect(suggestionIdAt(state.doc, 2)).toBe(inserted!.id); // inside "nu "
		expect(suggestionIdAt(state.doc, 4)).toBe(inserted!.id); // right after it
		expect(suggestionIdAt(state.doc, 6)).toBeNull(); // inside "Före."
		const last = state.doc.content.size - 2; // inside "Efter."
		expect(suggestionIdAt(state.doc, last)).toBeNull();
	});
});
