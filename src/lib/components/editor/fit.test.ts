import { describe, expect, it } from 'vitest';
import { fitting } from './fit';

describe('fitting', () => {
	it('shows every button when the row is wide enough, with no menu', () => {
		expect(fitting([50, 100, 150], 150, 60)).toBe(3);
	});

	it('keeps room for the More button when some must go', () => {
		// 150 + 60 > 200: only the first two fit beside "More".
		expect(fitting([50, 100, 150, 200], 199, 60)).toBe(2);
	});

	it('puts everything in the menu when not even one fits beside it', () => {
		expect(fitting([80, 160], 100, 60)).toBe(0);
	});

	it('has nothing to fit for an empty toolbar', () => {
		expect(fitting([], 100, 60)).toBe(0);
	});
});
