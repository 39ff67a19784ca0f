import { z } from 'zod';
import { hitTypes, type HitType } from '../../components/search/hit-types.ts';
import { cleanParams } from '../forms/text.ts';
import type { Db } from '$lib/server/platform';
import type { Hit, Counted, Facets, Hints, Query, Filters } from '../../search/types.ts';
export type { Hit, Counted, Facets, Hints, Query, Filters };

// Search over everything the caller may read. The queries run in the database as the caller
// (security-invoker functions public.search_results, search_suggest and search_hints
// through locals.supabase), so every table's row-level security decides what is found and
// what a snippet may quote. Snippets arrive as plain text with private-use markers around the
// matches; highlight() escapes the text and turns the markers into <mark>.

export { hitTypes, type HitType };
export const sorts = ['relevance', 'date'] as const;
export const PAGE_SIZE = 20;
export const SUGGESTIONS = 8;
export const MAX_QUERY = 200;

const ignore = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
export const textSchema = z.string().trim().min(1).max(MAX_QUERY);
export const querySchema = z.object({
	q: textSchema,
	type: ignore(z.enum(hitTypes)),
	goal: ignore(z.coerce.number().int().min(1).max(17)),
	organization: ignore(z.uuid()),
	theme: ignore(z.uuid()),
	year: ignore(z.coerce.number().int().min(1900).max(2100)),
	sort: z.enum(sorts).catch('relevance'),
	page: z.coerce.number().int().min(1).max(500).catch(1)
}) satisfies z.ZodType<Query, unknown>;

export type Parsed =
	{ query: Query; error: null } | { query: null; error: 'empty' | 'too_long' | 'unsearchable' };

/**
 * The query from a URL, its text cleaned (no control characters or lone surrogates, which the
 * database refuses); filters that are unknown or malformed are ignored, never an error.
 */
export function queryFrom(url: URLSearchParams): Parsed {
	const params = cleanParams(url);
	const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''));
	const parsed = querySchema.safeParse(raw);
	if (parsed.success) return { query: parsed.data, error: null };
	const q = (params.get('q') ?? '').trim();
	if (q.length > MAX_QUERY) return { query: null, error: 'too_long' };
	// Only control characters: something was typed, but nothing that can be searched for.
	const typed = (url.get('q') ?? '').trim() !== '';
	return { query: null, error: q === '' && typed ? 'unsearchable' : 'empty' };
}

export const filtersOf = ({ type, goal, organization, theme, year }: Query): Filters => ({
	type,
	goal,
	organization,
	theme,
	year
});

export interface Results {
	hits: Hit[];
	facets: Facets;
	pages: number;
	/** For a query that found little: a spelling with more results, and goals whose names match. */
	hints: Hints | null;
	/** For a query that found little: hits that are only similar (unmarked snippets). */
	similar: Hit[];
}

/** Fewer hits than this (on the first page, without filters) is "little": hints and similar hits.
 * public.search_page decides it (20261212300000); the tests hold it to this. */
export const FEW = 3;

const START = '\u{E000}';
const STOP = '\u{E001}';
const escapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Snippet text to HTML: everything escaped, matches in <mark>, tags always balanced. */
export function highlight(snippet: string | null): string {
	let html = '';
	let open = false;
	for (const char of snippet ?? '') {
		if (char === START || char === STOP) {
			if (open !== (char === START)) html += open ? '</mark>' : '<mark>';
			open = char === START;
		} else html += escapes[char] ?? char;
	}
	return open ? `${html}</mark>` : html;
}

type Row = Record<string, unknown>;
function failed(what: string, error: { message: string }): never {
	throw new Error(`search ${what}: ${error.message}`);
}

const toHit = (r: Row): Hit => ({
	type: r.type as HitType,
	id: r.id as string,
	title: r.title as string,
	snippetHtml: highlight(r.snippet as string | null),
	href: r.path as string,
	context: (r.context as string | null) ?? null,
	date: (r.date as string | null) ?? null,
	year: (r.year as number | null) ?? null,
	goals: (r.goals as number[] | null) ?? []
});

export async function hints(db: Db, q: string): Promise<Hints> {
	const { data, error } = await db.rpc('search_hints', { q });
	if (error) failed('hints', error);
	return data as Hints;
}

interface PageRows {
	hits: Row[];
	hints: Hints | null;
	similar: Row[];
	facets: Facets;
	unread?: number;
}

/** A page of results, and for a signed-in caller their unread notification count (the header's
 * badge, notifications/unread.ts; null signed out), which the page itself does not show. */
export interface Found {
	results: Results;
	unread: number | null;
}

/**
 * One page of results with facet counts, in one request: public.search_results
 * (20261214001000) counts the facets from the page's hits when those are all of them, and
 * otherwise as public.search_facets does. When the exact search finds little (fewer than FEW,
 * on the first page, without filters), hints (a better spelling that finds more, related goals)
 * and similar hits not among the exact ones come with it: fuzzy matching never mixes into the
 * exact results, and is never marked as a match.
 */
export async function find(db: Db, query: Query): Promise<Found> {
	const { data, error } = await db.rpc('search_results', {
		q: query.q,
		filters: filtersOf(query),
		sort: query.sort,
		lim: PAGE_SIZE,
		off: (query.page - 1) * PAGE_SIZE
	});
	if (error) failed('page', error);
	const found = data as PageRows;
	const results = {
		hits: found.hits.map(toHit),
		facets: found.facets,
		pages: Math.max(1, Math.ceil(found.facets.total / PAGE_SIZE)),
		hints: found.hints,
		similar: found.similar.map(toHit)
	};
	return { results, unread: found.unread ?? null };
}

export interface Suggestion {
	type: HitType;
	title: string;
	href: string;
	context: string | null;
}

/** The type-ahead's top hits; `corrected` is set when they are for a corrected query. */
export async function suggest(
	db: Db,
	q: string
): Promise<{ hits: Suggestion[]; corrected: string | null }> {
	const { data, error } = await db.rpc('search_suggest', { q });
	if (error) failed('suggestions', error);
	const rows = (data as Row[]).slice(0, SUGGESTIONS);
	return {
		hits: rows.map((r) => ({
			type: r.type as HitType,
			title: r.title as string,
			href: r.path as string,
			context: (r.context as string | null) ?? null
		})),
		corrected: (rows[0]?.corrected as string | null | undefined) ?? null
	};
}
