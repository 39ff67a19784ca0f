import { describe, expect, it } from 'vitest';
import { stillQuoted } from './anchors';

describe('a comment whose text changed', () => {
	it('stays on text that was edited, keeping some of its words', () => {
		expect(stillQuoted('nya invånare', 'nya invånare')).toBe(true);
		expect(stillQuoted('Alla får ett samtal', 'Alla får ett välkomstsamtal')).toBe(true);
		expect(stillQuoted('Extra rad', 'extra raden')).toBe(true);
	});

	it('is detached when its text was replaced by other text or is gone', () => {
		expect(stillQuoted('Extra rad', 'välkomstsamtal')).toBe(false);
		expect(stillQuoted('Extra rad', '')).toBe(false);
	});
});
