import { z } from 'zod';
import { researchTypes, type ResearchEntry, type ResearchType } from './entry.ts';
import type { Db } from '$lib/server/platform';
import type {
	Ref,
	ResearchSummary,
	SdgLink,
	Research,
	Facets,
	Filters
} from '../../research/types.ts';
export type { Ref, ResearchSummary, SdgLink, Research, Facets, Filters };

// Research records. Every read and write goes through the caller's supabase-js client so
// row-level security decides (public records signed out, members-only ones for members, edits
// by the creator); saving a record with its authors and goals is one database transaction
// (public.save_research).

export { researchTypes, type ResearchType };
export const PAGE_SIZE = 20;

const uuid = z.uuid();
const ignore = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
export const filtersSchema = z.object({
	goal: ignore(z.coerce.number().int().min(1).max(17)),
	target: ignore(z.string().regex(/^(?:[1-9]|1[0-7])\.[0-9a-z]{1,2}$/)),
	institution: ignore(uuid),
	year: ignore(z.coerce.number().int().min(1900).max(2100)),
	type: ignore(z.enum(researchTypes)),
	language: ignore(z.string().regex(/^[a-z]{2}$/)),
	sort: z.enum(['newest', 'linked']).catch('newest'),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
}) satisfies z.ZodType<Filters, unknown>;

/** Filters from a query string; anything unknown or malformed is ignored, never an error. */
export function filtersFrom(params: URLSearchParams): Filters {
	return filtersSchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== '')));
}

type Row = Record<string, unknown>;
const summaryColumns =
	'id, title, year, type, language, goals, targets, visibility, link_count, created_at, ' +
	'institution:organizations(id, slug, name), authors:research_authors(name, position)';
const fullColumns =
	`${summaryColumns}, abstract, keywords, doi, url, open_access_url, created_by, updated_at, ` +
	'authorList:research_authors(name, orcid, position), ' +
	'sdg:research_sdg(id, goal, target, source, confidence, status, note, decided_by)';

const byPosition = <T extends { position: number }>(list: T[]) =>
	[...list].sort((a, b) => a.position - b.position);

/** A record as the page shows it, from a row with the columns of summaryColumns (as
 * public.research_page builds it). */
export const toSummary = (r: Row): ResearchSummary => ({
	id: r.id as string,
	title: r.title as string,
	year: r.year as number | null,
	type: r.type as ResearchType,
	language: r.language as string | null,
	goals: (r.goals as number[]) ?? [],
	targets: (r.targets as string[]) ?? [],
	visibility: r.visibility as 'public' | 'members',
	linkCount: r.link_count as number,
	institution: (r.institution as Ref) ?? null,
	authors: byPosition((r.authors as { name: string; position: number }[]) ?? []).map((a) => a.name),
	createdAt: r.created_at as string
});

function failed(error: { message: string }): never {
	throw new Error(`research: ${error.message}`);
}

type Condition = ['contains', string, number[] | string[]] | ['eq', string, string | number];

/** The filters as PostgREST conditions, for the list's export (public.research_page makes the
 * same conditions for the page). */
function conditions(f: Filters): Condition[] {
	const out: Condition[] = [];
	if (f.goal) out.push(['contains', 'goals', [f.goal]]);
	if (f.target) out.push(['contains', 'targets', [f.target]]);
	if (f.institution) out.push(['eq', 'institution_id', f.institution]);
	if (f.year) out.push(['eq', 'year', f.year]);
	if (f.type) out.push(['eq', 'type', f.type]);
	if (f.language) out.push(['eq', 'language', f.language]);
	return out;
}

/** Counts per facet value within the current filters. */
export async function facets(db: Db, f: Filters): Promise<Facets> {
	const { sort: _sort, page: _page, ...filters } = f;
	const { data, error } = await db.rpc('research_facets', { f: filters });
	if (error) failed(error);
	return data as Facets;
}

export async function get(db: Db, id: string): Promise<Research | null> {
	if (!uuid.safeParse(id).success) return null;
	const { data, error } = await db.from('research').select(fullColumns).eq('id', id).maybeSingle();
	if (error) failed(error);
	return data ? toResearch(data as unknown as Row) : null;
}

/** Full records matching the filters (for list export), newest first, at most `limit`. */
export async function forExport(db: Db, f: Filters, limit: number): Promise<Research[]> {
	let query = db.from('research').select(fullColumns);
	for (const [op, column, value] of conditions(f))
		query = op === 'eq' ? query.eq(column, value) : query.contains(column, value);
	const { data, error } = await query
		.order('created_at', { ascending: false })
		.order('id')
		.limit(limit);
	if (error) failed(error);
	return (data as unknown as Row[]).map(toResearch);
}

function toResearch(r: Row): Research {
	const sdg = (r.sdg as Row[]).map((s) => ({
		id: s.id as string,
		goal: s.goal as number,
		target: s.target as string | null,
		source: s.source as SdgLink['source'],
		confidence: s.confidence as number | null,
		status: s.status as SdgLink['status'],
		note: s.note as string,
		decidedBy: s.decided_by ? { id: s.decided_by as string, name: '' } : null
	}));
	const authors = r.authorList as { name: string; orcid: string | null; position: number }[];
	return {
		...toSummary(r),
		abstract: r.abstract as string,
		keywords: (r.keywords as string[]) ?? [],
		doi: r.doi as string | null,
		url: r.url as string | null,
		openAccessUrl: r.open_access_url as string | null,
		authorList: byPosition(authors).map(({ name, orcid }) => ({ name, orcid })),
		sdg: sdg.sort((a, b) => a.goal - b.goal || (a.target ?? '').localeCompare(b.target ?? '')),
		createdBy: r.created_by as string | null,
		updatedAt: r.updated_at as string
	};
}

export interface SaveInput extends ResearchEntry {
	institutionId: string | null;
	visibility: 'public' | 'members';
	/** Goals and targets the person confirms (manual links); omitted: links stay as they are. */
	goals?: number[];
	targets?: string[];
}

export type Saved =
	| { ok: true; id: string }
	| { ok: false; reason: 'not_allowed' | 'duplicate_doi' | 'unknown_institution' };

/** Creates (id null) or replaces a record with its authors and confirmed goals. */
export async function save(db: Db, id: string | null, input: SaveInput): Promise<Saved> {
	const { data, error } = await db.rpc('save_research', { p_id: id, p: toPayload(input) });
	if (error?.code === '23505') return { ok: false, reason: 'duplicate_doi' };
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error?.code === '23503') return { ok: false, reason: 'unknown_institution' };
	if (error) failed(error);
	return { ok: true, id: data as string };
}

const toPayload = (input: SaveInput) => ({
	title: input.title,
	abstract: input.abstract,
	year: input.year,
	type: input.type,
	language: input.language,
	doi: input.doi,
	url: input.url,
	open_access_url: input.openAccessUrl,
	keywords: input.keywords,
	institution_id: input.institutionId,
	visibility: input.visibility,
	authors: input.authors,
	...(input.goals ? { goals: input.goals, targets: input.targets ?? [] } : {})
});

/** May this person post research? Researchers, people of a university and administrators
 * (the same rule as erfa.can_post_research(), which the database applies on insert). */
export async function canPost(
	db: Db,
	person: { role: string; organizationId: string | null }
): Promise<boolean> {
	// The role decides without a read (canPostAmong with no organizations); otherwise their own.
	if (canPostAmong(person, [])) return true;
	return (await universityOf(db, person)) !== null;
}

/**
 * canPost decided from the organizations a page has read already (organizations.choices, under
 * the same RLS as universityOf's read): the research list saves a call (issue 17).
 */
export function canPostAmong(
	person: { role: string; organizationId: string | null },
	organizations: { id: string; kind: string }[]
): boolean {
	if (person.role === 'researcher' || person.role === 'admin') return true;
	const own = person.organizationId && organizations.find((o) => o.id === person.organizationId);
	return own ? own.kind === 'university' : false;
}

/** The person's organization when it is a university (the default institution of their research). */
export async function universityOf(
	db: Db,
	person: { organizationId: string | null }
): Promise<string | null> {
	if (!person.organizationId) return null;
	const { data, error } = await db
		.from('organizations')
		.select('kind')
		.eq('id', person.organizationId)
		.maybeSingle();
	if (error) failed(error);
	return (data as { kind: string } | null)?.kind === 'university' ? person.organizationId : null;
}

/** The targets' texts (English; Swedish where verified), in the order given. */
export async function targetTexts(
	db: Db,
	ids: string[]
): Promise<{ id: string; textEn: string; textSv: string | null }[]> {
	if (!ids.length) return [];
	const { data, error } = await db.from('sdg_targets').select('id, text_en, text_sv').in('id', ids);
	if (error) failed(error);
	const rows = data as { id: string; text_en: string; text_sv: string | null }[];
	return ids.flatMap((id) => {
		const row = rows.find((r) => r.id === id);
		return row ? [{ id, textEn: row.text_en, textSv: row.text_sv }] : [];
	});
}

export async function remove(db: Db, id: string): Promise<boolean> {
	const { data, error } = await db.from('research').delete().eq('id', id).select('id');
	if (error) failed(error);
	return data.length > 0;
}

/** Records that may duplicate incoming ones: same DOI, or the same title ignoring case and punctuation. */
export async function existing(
	db: Db,
	incoming: { doi: string | null; title: string }[]
): Promise<{ id: string; title: string; year: number | null; doi: string | null }[]> {
	const dois = [...new Set(incoming.map((e) => e.doi).filter((d): d is string => Boolean(d)))];
	const titles = [...new Set(incoming.map((e) => e.title.trim()).filter(Boolean))];
	if (!dois.length && !titles.length) return [];
	const { data, error } = await db.rpc('research_candidates', { p_dois: dois, p_titles: titles });
	if (error) failed(error);
	return data as { id: string; title: string; year: number | null; doi: string | null }[];
}
