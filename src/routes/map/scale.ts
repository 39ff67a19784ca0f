import { textOn } from '$lib/components/sdg/contrast';

// The knowledge map's colour scale: up to five steps of one blue-green, light to dark, on a
// logarithmic scale (a few very active municipalities must not wash out everyone else). The
// number is always printed in the cell, so colour never carries the meaning alone; the text
// colour is computed per step for contrast (textOn: at least 4.5:1).

const SHADES = ['#e3f1f4', '#b5dbe4', '#78b9c9', '#3a8aa0', '#1d4e5f'] as const;

export interface Step {
	from: number;
	to: number;
	background: string;
	text: string;
}

/** The steps for counts from 1 to `max`: [1–3], [4–6], … for max 100; one per value up to 5. */
export function steps(max: number): Step[] {
	const count = Math.min(SHADES.length, Math.max(0, max));
	const bounds: number[] = [];
	for (let k = 1; k <= count; k++) {
		const previous = bounds.at(-1) ?? 0;
		const bound = k === count ? max : Math.round(max ** (k / count));
		bounds.push(Math.max(bound, previous + 1));
	}
	return bounds.map((to, i) => {
		// With fewer steps than shades, spread them over the whole range, light to dark.
		const shade = SHADES[count === 1 ? 2 : Math.round((i * (SHADES.length - 1)) / (count - 1))]!;
		return { from: (bounds[i - 1] ?? 0) + 1, to, background: shade, text: textOn(shade) };
	});
}

/** The step a count falls in; null for zero (an empty cell). */
export function stepOf(list: Step[], n: number): Step | null {
	if (n <= 0) return null;
	return list.find((s) => n <= s.to) ?? list.at(-1) ?? null;
}
