import { describe, expect, it } from 'vitest';
import { chosen, matching, typedMention } from './mention-suggest';

const members = [
	{ id: '1', name: 'Anna Lind' },
	{ id: '2', name: 'Anna Lindqvist' },
	{ id: '3', name: 'Erik Berg' },
	{ id: '4', name: 'Åsa Öberg' }
];

describe('suggesting a mention', () => {
	it('finds the mention being typed, names with spaces included', () => {
		expect(typedMention('Fråga @an', 9)).toEqual({ start: 6, query: 'an' });
		expect(typedMention('@Anna Li', 8)).toEqual({ start: 0, query: 'Anna Li' });
		expect(typedMention('Hej @', 5)).toEqual({ start: 4, query: '' });
	});

	it('leaves e-mail addresses, finished lines and long runs alone', () => {
		expect(typedMention('anna@avesta', 11)).toBeNull();
		expect(typedMention('@Anna\nnästa', 11)).toBeNull();
		expect(typedMention('@ett två tre fyra', 17)).toBeNull();
		expect(typedMention('ingen mention', 13)).toBeNull();
	});

	it('matches the start of a name or of any word in it, Swedish letters included', () => {
		expect(matching(members, 'anna l').map((m) => m.name)).toEqual(['Anna Lind', 'Anna Lindqvist']);
		expect(matching(members, 'berg').map((m) => m.name)).toEqual(['Erik Berg']);
		expect(matching(members, 'öb').map((m) => m.name)).toEqual(['Åsa Öberg']);
		expect(matching(members, 'x')).toEqual([]);
	});

	it('puts the chosen name in place of what was typed, caret after it', () => {
		const text = 'Fråga @an om detta';
		expect(chosen(text, { start: 6, query: 'an' }, 9, 'Anna Lind')).toEqual({
			text: 'Fråga @Anna Lind om detta',
			caret: 17
		});
	});
});
