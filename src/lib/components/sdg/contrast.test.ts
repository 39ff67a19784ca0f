import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, textOn } from './contrast.ts';

const reference = join(import.meta.dirname, '../../../../supabase/reference/sdg-goals.json');
const goals = (JSON.parse(readFileSync(reference, 'utf8')) as { goals: { colorHex: string }[] })
	.goals;

describe('text on a goal colour', () => {
	it('picks the colour that contrasts more', () => {
		expect(textOn('#ffffff')).toBe('#000');
		expect(textOn('#000000')).toBe('#fff');
		expect(textOn('#FCC30B')).toBe('#000'); // goal 7, yellow
		expect(textOn('#A21942')).toBe('#fff'); // goal 8, burgundy
	});

	it('reaches 4.5:1 on every official colour', () => {
		expect(goals).toHaveLength(17);
		for (const { colorHex } of goals) {
			const text = textOn(colorHex) === '#000' ? '#000000' : '#ffffff';
			expect(contrast(colorHex, text), colorHex).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('measures contrast as WCAG defines it', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#777777')).toBe(1);
	});
});
