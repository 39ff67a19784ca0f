import { describe, expect, it } from 'vitest';
import { wordForms } from './word-forms.ts';

describe('the radar reasons as words', () => {
	const text =
		'Arbete och attraktivitet i Bergslagen. Kommunerna tar emot nya invånare, och fler fick arbete när bostäderna räckte. Communities in Bergslagen studied housing.';

	it('shows each stem as the word written in the text, without stop words', () => {
		expect(
			wordForms(['arbet', 'fick', 'fler', 'emot', 'attraktiv', 'bostäd', 'communiti'], text)
		).toEqual(['arbete', 'attraktivitet', 'bostäderna', 'communities']);
	});

	it('keeps proper nouns as written and leaves out stems the text does not contain', () => {
		expect(wordForms(['bergslag', 'klimat'], text)).toEqual(['Bergslagen']);
	});
});
