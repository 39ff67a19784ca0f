// A person's colour (carets, names, suggestions): the same for them everywhere, on the server
// (awareness) and in the browser (suggestion marks), derived from the user id.

export function colorFor(userId: string): string {
	let hash = 0x811c9dc5; // FNV-1a
	for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
	return hslToHex((hash >>> 0) % 360, 0.65, 0.4);
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
	const a = saturation * Math.min(lightness, 1 - lightness);
	const channel = (n: number) => {
		const k = (n + hue / 30) % 12;
		const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
		return Math.round(value * 255)
			.toString(16)
			.padStart(2, '0');
	};
	return `#${channel(0)}${channel(8)}${channel(4)}`;
}
