import { type ResearchType, researchTypes } from '../../research/types.ts';
export type { ResearchType };
export { researchTypes };
// A research record as it comes from outside (a BibTeX, RIS or CSL-JSON file, Crossref,
// OpenAlex) before it is stored: the common shape every importer produces and every exporter
// reads. Plain data, no database.

export interface Author {
	name: string;
	/** Normalized `0000-0002-1825-0097`, checksum verified; null when absent. */
	orcid: string | null;
}

export interface ResearchEntry {
	title: string;
	authors: Author[];
	year: number | null;
	type: ResearchType;
	abstract: string;
	keywords: string[];
	/** ISO 639-1 code ('sv', 'en', …) or null when unknown. */
	language: string | null;
	/** Normalized: lower case, without resolver prefix, e.g. `10.1234/abc.5`. */
	doi: string | null;
	url: string | null;
	openAccessUrl: string | null;
	/** The institution's name as the source gives it (matched to an organization later). */
	institution: string | null;
}

export type Problem =
	| { kind: 'missing_title' }
	| { kind: 'missing_year' }
	| { kind: 'bad_year'; value: string }
	| { kind: 'bad_doi'; value: string }
	| { kind: 'bad_orcid'; value: string; author: string }
	| { kind: 'bad_url'; value: string }
	/** A BibTeX abbreviation no @string defines: the field was left empty (a warning). */
	| { kind: 'undefined_macro'; name: string; field: string; line: number }
	| { kind: 'duplicate'; of: { id: string; title: string }; by: 'doi' | 'title_year' }
	/** The same work appears earlier in the same file (at `of.line`). */
	| { kind: 'duplicate_in_file'; of: { line: number; title: string }; by: 'doi' | 'title_year' }
	/** A value was cut to the database's limit (title/abstract characters, keyword/author count). */
	| { kind: 'too_long'; field: 'title' | 'abstract' | 'keywords' | 'authors'; max: number };

export interface ParsedEntry {
	/** Where it was in the file: 1-based line of its start, and its citation key if any. */
	line: number;
	key: string | null;
	entry: ResearchEntry;
	problems: Problem[];
}

/** Why a whole file was refused; `code` is for the UI to localize, `message` is English. */
export const parseErrorCodes = [
	'too_large',
	'too_many_entries',
	'empty',
	'not_text',
	'unknown_format',
	'bibtex_unclosed_entry',
	'bibtex_unclosed_value',
	'bibtex_missing_key',
	'bibtex_undefined_macro',
	'bibtex_syntax',
	'ris_outside_record',
	'ris_missing_end',
	'json_syntax',
	'csl_not_list',
	'csl_bad_item'
] as const;
export type ParseErrorCode = (typeof parseErrorCodes)[number];

export interface ParseError {
	code: ParseErrorCode;
	message: string;
	/** 1-based line the problem is on (or starts on), null when it is about the whole file. */
	line: number | null;
	/** Untranslated specifics: the expected token, the macro name, the JSON path, the limit. */
	detail?: string;
}

export type ParseResult = { ok: true; entries: ParsedEntry[] } | { ok: false; error: ParseError };

/** A goal suggested by a machine (OpenAlex, keyword rules): people confirm or reject it. */
export interface GoalSuggestion {
	goal: number;
	/** 0..1 */
	confidence: number;
	source: 'openalex' | 'keywords';
	/** Why: e.g. the matched words, or OpenAlex's label. */
	reason: string;
}
