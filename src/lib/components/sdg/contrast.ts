// Text on a global goal's official colour: black or white, whichever contrasts more. For all 17
// UN colours that reaches at least 4.5:1 (WCAG 1.4.3), so tiles need no other text colour.

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The text colour for a `#rrggbb` background. */
export function textOn(hex: string): '#000' | '#fff' {
	const l = luminance(hex);
	return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** The contrast ratio between two `#rrggbb` colours, 1–21. */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}
