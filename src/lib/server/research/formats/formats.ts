// The three exchange formats together: recognising an upload, parsing it within the limits, and
// writing one record or a list for download.

import { cleanJson } from '../../forms/text.ts';
import type { ParsedEntry, ParseError, ResearchEntry } from '../entry.ts';
import { failure } from '../build.ts';
import { formatBibtex, parseBibtex } from './bibtex.ts';
import { formatCsl, parseCsl } from './csl.ts';
import { formatRis, parseRis } from './ris.ts';

export const formats = ['bibtex', 'ris', 'csl-json'] as const;
export type Format = (typeof formats)[number];

export const importLimits = { maxBytes: 2 * 1024 * 1024, maxEntries: 500 } as const;

export const contentType: Record<Format, string> = {
	bibtex: 'application/x-bibtex; charset=utf-8',
	ris: 'application/x-research-info-systems; charset=utf-8',
	'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8'
};

export const extension: Record<Format, string> = { bibtex: 'bib', ris: 'ris', 'csl-json': 'json' };

const byExtension: Record<string, Format> = {
	bib: 'bibtex',
	bibtex: 'bibtex',
	ris: 'ris',
	json: 'csl-json'
};

/**
 * The format from the content: JSON starts with [ or {, RIS with a `TY  -` line, BibTeX has an
 * `@type{` entry. The file name's extension decides only when the content does not.
 */
export function detectFormat(text: string, filename?: string): Format | null {
	const body = text.replace(/^\uFEFF/, '').trimStart();
	if (/^[[{]/.test(body)) return 'csl-json';
	if (/^TY {1,2}-/.test(body)) return 'ris';
	if (/(?:^|[\s}])@[A-Za-z]+\s*[{(]/.test(body)) return 'bibtex';
	const ext = filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
	return ext ? (byExtension[ext] ?? null) : null;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; error: ParseError };

/** UTF-8 (BOM dropped); files that are not UTF-8 are read as Windows-1252, as old EndNote writes. */
export function decodeUpload(bytes: Uint8Array): DecodeResult {
	if (bytes.subarray(0, 8192).includes(0)) return failure('not_text', null);
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { ok: true, text: new TextDecoder('windows-1252').decode(bytes) };
	}
}

export type FileResult =
	{ ok: true; format: Format; entries: ParsedEntry[] } | { ok: false; error: ParseError };

const parsers = { bibtex: parseBibtex, ris: parseRis, 'csl-json': parseCsl } as const;

/** An uploaded file (bytes or already-decoded text) to entries for the preview, or why not. */
export function parseFile(input: string | Uint8Array, filename?: string): FileResult {
	const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
	if (size > importLimits.maxBytes) return failure('too_large', null, '2 MB');
	const decoded =
		typeof input === 'string' ? { ok: true as const, text: input } : decodeUpload(input);
	if (!decoded.ok) return decoded;
	const text = decoded.text.replace(/^\uFEFF/, '');
	if (!text.trim()) return failure('empty', null);
	const format = detectFormat(text, filename);
	if (!format) return failure('unknown_format', null);
	const result = parsers[format](text);
	if (!result.ok) return result;
	if (result.entries.length === 0) return failure('empty', null);
	if (result.entries.length > importLimits.maxEntries) {
		return failure('too_many_entries', null, String(importLimits.maxEntries));
	}
	// After parsing, so that NUL or a lone surrogate written as a JSON escape goes too.
	return { ok: true, format, entries: cleanJson(result.entries) as ParsedEntry[] };
}

const writers = { bibtex: formatBibtex, ris: formatRis, 'csl-json': formatCsl } as const;

/** A list for download; citation keys are unique within it. */
export function formatList(entries: ResearchEntry[], format: Format): string {
	return writers[format](entries);
}

export function formatEntry(entry: ResearchEntry, format: Format): string {
	return formatList([entry], format);
}
