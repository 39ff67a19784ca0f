import { describe, expect, it } from 'vitest';
import { contrast } from '$lib/components/sdg/contrast';
import { stepOf, steps } from './scale';

describe('colour scale', () => {
	it('covers 1…max without gaps, logarithmically', () => {
		const list = steps(100);
		expect(list.map((s) => [s.from, s.to])).toEqual([
			[1, 3],
			[4, 6],
			[7, 16],
			[17, 40],
			[41, 100]
		]);
		expect(steps(3).map((s) => [s.from, s.to])).toEqual([
			[1, 1],
			[2, 2],
			[3, 3]
		]);
		expect(steps(0)).toEqual([]);
	});

	it('gives every count a step, darker for more, and none for zero', () => {
		const list = steps(37);
		expect(stepOf(list, 0)).toBeNull();
		for (let n = 1; n <= 37; n++) {
			const step = stepOf(list, n)!;
			expect(n >= step.from && n <= step.to).toBe(true);
		}
		expect(stepOf(list, 1)!.background).toBe('#e3f1f4');
		expect(stepOf(list, 37)!.background).toBe('#1d4e5f');
	});

	it('keeps the number readable on every shade (WCAG 1.4.3, 4.5:1)', () => {
		const long = (hex: string) =>
			hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
		for (const s of steps(1000)) {
			expect(contrast(s.background, long(s.text))).toBeGreaterThanOrEqual(4.5);
		}
	});
});
