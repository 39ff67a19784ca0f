// "Add by DOI": OpenAlex first (metadata, abstract, ORCID iDs, institutions and SDG scores), then
// Crossref for metadata when OpenAlex does not answer with the work. One deadline covers both
// requests, so the person waits at most `timeoutMs`.

import type { GoalSuggestion, ResearchEntry } from './entry.ts';
import { parseCrossrefWork } from './crossref.ts';
import { normalizeDoi } from './identifiers.ts';
import { parseOpenAlexWork } from './openalex.ts';
import { cleanJson } from '../forms/text.ts';

export type LookupFailure = 'invalid_doi' | 'not_found' | 'offline' | 'timeout' | 'bad_response';

export type LookupResult =
	| {
			ok: true;
			entry: ResearchEntry;
			suggestions: GoalSuggestion[];
			source: 'openalex' | 'crossref';
	  }
	| { ok: false; reason: LookupFailure };

export interface LookupOptions {
	fetch?: typeof globalThis.fetch;
	timeoutMs?: number;
	/** Contact address for OpenAlex's and Crossref's polite pools. */
	mailto?: string;
}

export const defaultTimeoutMs = 8000;

type Outcome<T> =
	{ ok: true; value: T } | { ok: false; reason: Exclude<LookupFailure, 'invalid_doi'> };

// DOIs may hold characters that mean something in a URL (#, ?, <); slashes stay as they are.
function doiPath(doi: string): string {
	return doi.split('/').map(encodeURIComponent).join('/');
}

async function getJson<T>(
	url: string,
	parse: (json: unknown) => T | null,
	options: Required<Pick<LookupOptions, 'fetch'>> & { signal: AbortSignal; mailto?: string }
): Promise<Outcome<T>> {
	const target = new URL(url);
	if (options.mailto) target.searchParams.set('mailto', options.mailto);
	const agent = `Erfa (research records${options.mailto ? `; mailto:${options.mailto}` : ''})`;
	let response: Response;
	try {
		response = await options.fetch(target, {
			signal: options.signal,
			headers: { accept: 'application/json', 'user-agent': agent }
		});
	} catch {
		return { ok: false, reason: options.signal.aborted ? 'timeout' : 'offline' };
	}
	if (response.status === 404) return { ok: false, reason: 'not_found' };
	if (!response.ok) return { ok: false, reason: 'bad_response' };
	try {
		// Outside data is outside text: cleaned like a form's before it can reach the database.
		const value = parse(cleanJson(await response.json()));
		return value === null ? { ok: false, reason: 'bad_response' } : { ok: true, value };
	} catch {
		return { ok: false, reason: options.signal.aborted ? 'timeout' : 'bad_response' };
	}
}

// When neither answered with the work, the most actionable reason wins: a timeout or no
// network means "try again later", not "this DOI does not exist".
const precedence = ['timeout', 'offline', 'bad_response', 'not_found'] as const;

/** Metadata and OpenAlex's goal suggestions (score > 0.4) for a DOI in any common form. */
export async function lookupDoi(input: string, options: LookupOptions = {}): Promise<LookupResult> {
	const doi = normalizeDoi(input);
	if (!doi) return { ok: false, reason: 'invalid_doi' };
	const common = {
		fetch: options.fetch ?? globalThis.fetch,
		signal: AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs),
		mailto: options.mailto
	};
	const openAlex = await getJson(
		`https://api.openalex.org/works/https://doi.org/${doiPath(doi)}`,
		parseOpenAlexWork,
		common
	);
	if (openAlex.ok) return { ok: true, ...openAlex.value, source: 'openalex' };
	if (openAlex.reason === 'timeout') return { ok: false, reason: 'timeout' };
	const crossref = await getJson(
		`https://api.crossref.org/works/${doiPath(doi)}`,
		parseCrossrefWork,
		common
	);
	if (crossref.ok) return { ok: true, entry: crossref.value, suggestions: [], source: 'crossref' };
	const reasons = [openAlex.reason, crossref.reason];
	return { ok: false, reason: precedence.find((r) => reasons.includes(r)) ?? 'bad_response' };
}
