import {
	enableSuggestChanges,
	suggestChanges,
	transformToSuggestionTransaction
} from '@handlewithcare/prosemirror-suggest-changes';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { encodeBlockMarks } from './block-suggestions.ts';
import { documentSchema } from './schema.ts';
import { decideSuggestion } from './suggestion-commands.ts';

// Deciding block suggestions made by the library itself: a new block at the very end, a removed
// block, and two people's heading changes decided one at a time.

const schema = documentSchema();
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function start(...texts: string[]) {
	let state = EditorState.create({
		doc: schema.nodeFromJSON({ type: 'doc', content: texts.map(paragraph) }),
		plugins: [suggestChanges()]
	});
	enableSuggestChanges(state, (tr) => (state = state.apply(tr)));
	return state;
}

function suggest(state: EditorState, id: string, change: (tr: Transaction) => void) {
	const tr = state.tr;
	change(tr);
	return state.apply(transformToSuggestionTransaction(tr, state, () => id));
}

function decide(state: EditorState, id: string, accept: boolean) {
	const tr = decideSuggestion(state, id, accept);
	if (!tr) throw new Error(`nothing to decide for ${id}`);
	return state.apply(tr);
}

const shape = (state: EditorState) =>
	state.doc.content.content.map((node) => [node.type.name, node.textContent, node.marks.length]);

describe('decideSuggestion', () => {
	it('rejects and accepts a suggested new paragraph at the end of the document', () => {
		const base = start('Ett.');
		const end = base.doc.content.size;
		const added = suggest(base, 'a', (tr) =>
			tr.insert(end, schema.nodeFromJSON(paragraph('Två.')))
		);
		expect(encodeBlockMarks(added.doc.lastChild!.marks)).toContain('insertion');
		expect(shape(decide(added, 'a', false))).toEqual([['paragraph', 'Ett.', 0]]);
		expect(shape(decide(added, 'a', true))).toEqual([
			['paragraph', 'Ett.', 0],
			['paragraph', 'Två.', 0]
		]);
	});

	it('removes a block whose suggested deletion is accepted', () => {
		const base = start('Ett.', 'Två.');
		const removed = suggest(base, 'd', (tr) => tr.delete(6, 12));
		expect(shape(decide(removed, 'd', true))).toEqual([['paragraph', 'Ett.', 0]]);
		expect(shape(decide(removed, 'd', false))).toEqual(shape(base));
	});

	it('decides one heading change without touching another', () => {
		let state = start('Ett.', 'Två.');
		state = suggest(state, 'h1', (tr) =>
			tr.setBlockType(1, 2, schema.nodes.heading!, { level: 2 })
		);
		state = suggest(state, 'h2', (tr) =>
			tr.setBlockType(7, 8, schema.nodes.heading!, { level: 3 })
		);
		const rejected = decide(state, 'h1', false);
		expect(shape(rejected).map(([type]) => type)).toEqual(['paragraph', 'heading']);
		expect(rejected.doc.lastChild!.marks.every((mark) => mark.attrs.id === 'h2')).toBe(true);
		const accepted = decide(rejected, 'h2', true);
		expect(shape(accepted)).toEqual([
			['paragraph', 'Ett.', 0],
			['heading', 'Två.', 0]
		]);
		expect(accepted.doc.lastChild!.attrs.level).toBe(3);
	});
});
