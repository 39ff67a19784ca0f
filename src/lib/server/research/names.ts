// Person names. Records keep one display form, "Given Family" ("Anna-Karin af Klint"); the file
// formats want family and given apart, so we split again on export.

import { cleanLine } from './text.ts';

const particles = new Set([
	'af',
	'av',
	'von',
	'van',
	'der',
	'den',
	'de',
	'del',
	'della',
	'di',
	'da',
	'du',
	'la',
	'le',
	'ten',
	'ter',
	'zu'
]);
const suffixes = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/** "Josiah Carberry" from "Carberry, Josiah" and "Carberry, Jr., Josiah"; other forms unchanged. */
export function displayName(name: string): string {
	const parts = name.split(',').map(cleanLine);
	const [first, second, third] = parts;
	if (parts.length === 2 && first && second) return `${second} ${first}`;
	if (parts.length === 3 && first && second && third) return `${third} ${first} ${second}`;
	return cleanLine(name);
}

export interface NameParts {
	family: string;
	given: string;
}

/**
 * The last word is the family name, with lower-case particles before it (af, von, de) and a
 * suffix after it (Jr., III). Double family names without a hyphen ("Karlsson Lind") cannot be
 * told from a middle name; those come back as given "Anna Karlsson", family "Lind".
 */
export function nameParts(name: string): NameParts {
	const words = cleanLine(name).split(' ').filter(Boolean);
	if (words.length < 2) return { family: words[0] ?? '', given: '' };
	let end = words.length;
	if (end > 2 && suffixes.has((words[end - 1] ?? '').toLowerCase())) end -= 1;
	let start = end - 1;
	while (start > 1 && particles.has(words[start - 1] ?? '')) start -= 1;
	return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

// Organizations as authors ("Region Örebro län", "Trafikverket") must not be split into family
// and given names; these words mark them.
const organizationWords =
	/kommun|region|län\b|universitet|högskola|myndighet|verket|styrelse|rådet|institut|förbund|university|agency|council|ministry|department|association|committee|office\b/i;

export function isCorporate(name: string): boolean {
	return organizationWords.test(name);
}

/** "Family, Given" as BibTeX and RIS write it; one-word and organization names stay whole. */
export function invertedName(name: string): string {
	if (isCorporate(name)) return cleanLine(name);
	const { family, given } = nameParts(name);
	return given ? `${family}, ${given}` : family;
}

/** Lower case without diacritics or punctuation, for comparing names and titles. */
export function foldText(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ø/g, 'o')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe')
		.replace(/ß/g, 'ss')
		.replace(/[ł]/g, 'l')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/**
 * Citation keys for a list, e.g. `lind2021kommunernas`: first author's family name, year, first
 * long title word, ASCII only; repeats get a, b, c… so keys are unique within the list.
 */
export function citationKeys(
	entries: { authors: { name: string }[]; year: number | null; title: string }[]
): string[] {
	const used = new Set<string>();
	const ascii = (value: string) => foldText(value).replace(/[^a-z0-9]/g, '');
	return entries.map((entry) => {
		const first = entry.authors[0]?.name ?? '';
		const family = isCorporate(first) ? (first.split(' ')[0] ?? '') : nameParts(first).family;
		const word =
			foldText(entry.title)
				.split(' ')
				.find((w) => w.length > 3) ?? 'untitled';
		const base = `${ascii(family).slice(0, 20) || 'anon'}${entry.year ?? 'nd'}${ascii(word).slice(0, 20)}`;
		let key = base;
		for (let n = 1; used.has(key); n++) key = base + (n <= 26 ? String.fromCharCode(96 + n) : n);
		used.add(key);
		return key;
	});
}
