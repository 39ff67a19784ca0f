// From the raw values a format reader found to a ResearchEntry that always fits the database's
// checks (title length, year range, DOI/URL/ORCID forms, counts), plus the problems met on the
// way: an invalid value is dropped and reported, an over-long one is cut and reported.

import type {
	Author,
	ParsedEntry,
	ParseError,
	ParseErrorCode,
	Problem,
	ResearchEntry,
	ResearchType
} from './entry.ts';
import { doiFromUrl, normalizeDoi, normalizeOrcid, normalizeUrl } from './identifiers.ts';
import { cleanAbstract, cleanLine, normalizeLanguage, parseYear, uniqueKeywords } from './text.ts';

export const limits = {
	minTitle: 3,
	title: 500,
	abstract: 20000,
	keywords: 30,
	authors: 200,
	authorName: 200,
	institution: 300
} as const;

export interface RawAuthor {
	name: string;
	orcid?: string | null;
}

export interface RawEntry {
	type: ResearchType;
	title?: string | null;
	authors?: RawAuthor[];
	year?: string | number | null;
	abstract?: string | null;
	keywords?: string[];
	language?: string | null;
	doi?: string | null;
	url?: string | null;
	openAccessUrl?: string | null;
	institution?: string | null;
}

export function buildEntry(raw: RawEntry): { entry: ResearchEntry; problems: Problem[] } {
	const problems: Problem[] = [];
	const title = cut(cleanLine(raw.title), 'title', limits.title, problems);
	if (title.length < limits.minTitle) problems.push({ kind: 'missing_title' });
	const year = parseYear(raw.year);
	if (year.year === null) {
		problems.push(
			year.bad === null ? { kind: 'missing_year' } : { kind: 'bad_year', value: year.bad }
		);
	}
	const url = link(raw.url, problems);
	const entry: ResearchEntry = {
		title,
		authors: authors(raw.authors ?? [], problems),
		year: year.year,
		type: raw.type,
		abstract: cut(cleanAbstract(raw.abstract), 'abstract', limits.abstract, problems),
		keywords: keywords(raw.keywords ?? [], problems),
		language: normalizeLanguage(raw.language),
		doi: doi(raw.doi, problems) ?? doiFromUrl(url),
		url,
		openAccessUrl: link(raw.openAccessUrl, problems),
		institution: cleanLine(raw.institution).slice(0, limits.institution) || null
	};
	return { entry, problems };
}

/** A ParsedEntry for the preview: where it was, its key, the entry and its problems. */
export function parsedEntry(line: number, key: string | null, raw: RawEntry): ParsedEntry {
	return { line, key: key || null, ...buildEntry(raw) };
}

function cut(value: string, field: 'title' | 'abstract', max: number, problems: Problem[]): string {
	if (value.length <= max) return value;
	problems.push({ kind: 'too_long', field, max });
	return `${value.slice(0, max - 1).trimEnd()}…`;
}

function authors(list: RawAuthor[], problems: Problem[]): Author[] {
	const result: Author[] = [];
	for (const raw of list) {
		const name = cleanLine(raw.name).slice(0, limits.authorName);
		if (!name) continue;
		const rawOrcid = cleanLine(raw.orcid);
		const orcid = normalizeOrcid(rawOrcid);
		if (rawOrcid && !orcid) problems.push({ kind: 'bad_orcid', value: rawOrcid, author: name });
		result.push({ name, orcid });
	}
	if (result.length > limits.authors) {
		problems.push({ kind: 'too_long', field: 'authors', max: limits.authors });
		return result.slice(0, limits.authors);
	}
	return result;
}

function keywords(list: string[], problems: Problem[]): string[] {
	const unique = uniqueKeywords(list);
	if (unique.length <= limits.keywords) return unique;
	problems.push({ kind: 'too_long', field: 'keywords', max: limits.keywords });
	return unique.slice(0, limits.keywords);
}

function doi(value: string | null | undefined, problems: Problem[]): string | null {
	const text = cleanLine(value);
	if (!text) return null;
	const normalized = normalizeDoi(text);
	if (!normalized) problems.push({ kind: 'bad_doi', value: text });
	return normalized;
}

function link(value: string | null | undefined, problems: Problem[]): string | null {
	const text = cleanLine(value);
	if (!text) return null;
	const normalized = normalizeUrl(text);
	if (!normalized) problems.push({ kind: 'bad_url', value: text });
	return normalized;
}

function describe(code: ParseErrorCode, detail: string | undefined): string {
	const messages: Record<ParseErrorCode, string> = {
		too_large: `The file is larger than the limit (${detail}).`,
		too_many_entries: `The file has more entries than the limit (${detail}).`,
		empty: 'The file contains no entries.',
		not_text: 'The file is not a text file.',
		unknown_format: 'The file is not BibTeX, RIS or CSL-JSON.',
		bibtex_unclosed_entry: "The entry that starts here is never closed (a '}' is missing).",
		bibtex_unclosed_value:
			'The value that starts here is never closed (a brace or quote is missing).',
		bibtex_missing_key: 'The entry has no citation key.',
		bibtex_undefined_macro: `Unknown abbreviation "${detail}" (not defined with @string).`,
		bibtex_syntax: `Syntax error: expected ${detail}.`,
		ris_outside_record: "Text outside a record (records start with 'TY  -' and end with 'ER  -').",
		ris_missing_end: "The record that starts here has no end line ('ER  -').",
		json_syntax: 'Invalid JSON.',
		csl_not_list: 'The JSON is not a list of CSL items.',
		csl_bad_item: `The item is not valid CSL-JSON (${detail}).`
	};
	return messages[code];
}

/** A refused file: the code for the UI, an English message naming the line, the detail. */
export function parseError(code: ParseErrorCode, line: number | null, detail?: string): ParseError {
	const message = (line === null ? '' : `Line ${line}: `) + describe(code, detail);
	return detail === undefined ? { code, message, line } : { code, message, line, detail };
}

export function failure(code: ParseErrorCode, line: number | null, detail?: string) {
	return { ok: false as const, error: parseError(code, line, detail) };
}
