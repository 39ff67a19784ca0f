// Small text rules shared by the importers: whitespace, abstracts, keywords, years, languages.

/** One line: runs of whitespace (line breaks from wrapped fields too) become one space. */
export function cleanLine(value: string | null | undefined): string {
	return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Paragraphs survive (blank lines), wrapped lines inside a paragraph are joined. */
export function cleanAbstract(value: string | null | undefined): string {
	return (value ?? '')
		.split(/\n[ \t\r]*\n/)
		.map(cleanLine)
		.filter(Boolean)
		.join('\n\n');
}

/**
 * Keywords from one field: `a; b; c` or `a, b, c`. Semicolons win when present, because
 * exporters that use them (Web of Science, Scopus) allow commas inside a keyword.
 */
export function splitKeywords(value: string | null | undefined): string[] {
	const text = value ?? '';
	return text
		.split(text.includes(';') ? ';' : ',')
		.map(cleanLine)
		.filter(Boolean);
}

/** The reverse of splitKeywords: commas, or semicolons when a keyword has a comma. */
export function joinKeywords(keywords: string[]): string {
	return keywords.join(keywords.some((k) => k.includes(',')) ? '; ' : ', ');
}

/** Trimmed, without empties and case-insensitive repeats, first spelling kept. */
export function uniqueKeywords(keywords: string[]): string[] {
	const seen = new Set<string>();
	const result: string[] = [];
	for (const keyword of keywords.map(cleanLine)) {
		const key = keyword.toLocaleLowerCase('sv');
		if (!keyword || seen.has(key)) continue;
		seen.add(key);
		result.push(keyword);
	}
	return result;
}

export const minYear = 1900;
export const maxYear = 2100;

export type YearResult = { year: number } | { year: null; bad: string | null };

/** The publication year from `2021`, `2021-05-03`, `2021///`, `May 2021`; bad when unusable. */
export function parseYear(value: string | number | null | undefined): YearResult {
	if (value === null || value === undefined) return { year: null, bad: null };
	const text = String(value).trim();
	if (!text) return { year: null, bad: null };
	const match = /(?<!\d)(\d{4})(?!\d)/.exec(text);
	const year = match ? Number(match[1]) : NaN;
	if (year >= minYear && year <= maxYear) return { year };
	return { year: null, bad: text };
}

// prettier-ignore
const languageNames: Record<string, string> = {
	swedish: 'sv', svenska: 'sv', swe: 'sv',
	english: 'en', engelska: 'en', eng: 'en', british: 'en', american: 'en',
	finnish: 'fi', finska: 'fi', fin: 'fi',
	norwegian: 'no', norska: 'no', nor: 'no', norsk: 'no', nob: 'nb', nno: 'nn',
	danish: 'da', danska: 'da', dan: 'da',
	german: 'de', ngerman: 'de', tyska: 'de', deu: 'de', ger: 'de',
	french: 'fr', franska: 'fr', fra: 'fr', fre: 'fr',
	spanish: 'es', spanska: 'es', spa: 'es',
	icelandic: 'is', isländska: 'is', isl: 'is', ice: 'is'
};

/** ISO 639-1 (`sv`) from `sv`, `sv-SE`, `swe`, `Swedish`, `svenska`; null when unknown. */
export function normalizeLanguage(value: string | null | undefined): string | null {
	const text = cleanLine(value).toLowerCase();
	if (!text) return null;
	const code = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})*$/.exec(text);
	if (code) return code[1] ?? null;
	return languageNames[text] ?? null;
}

/** The babel/biblatex name for a code BibTeX users expect in `langid`, when we know one. */
export function babelLanguage(code: string | null): string | null {
	// prettier-ignore
	const names: Record<string, string> = {
		sv: 'swedish', en: 'english', fi: 'finnish', no: 'norsk', nb: 'norsk', nn: 'nynorsk',
		da: 'danish', de: 'ngerman', fr: 'french', es: 'spanish', is: 'icelandic'
	};
	return code ? (names[code] ?? null) : null;
}

/** Removes HTML/JATS tags (Crossref abstracts, OpenAlex titles) and decodes the common entities. */
export function stripMarkup(value: string): string {
	return decodeEntities(
		value
			.replace(/<jats:title>[^<]*<\/jats:title>/gi, '')
			.replace(/<\/(?:jats:)?p>/gi, '\n\n')
			.replace(/<[^>]+>/g, '')
	);
}

function decodeEntities(value: string): string {
	const named: Record<string, string> = {
		amp: '&',
		lt: '<',
		gt: '>',
		quot: '"',
		apos: "'",
		nbsp: ' '
	};
	return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code =
				name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff
				? String.fromCodePoint(code)
				: whole;
		}
		return named[name.toLowerCase()] ?? whole;
	});
}
