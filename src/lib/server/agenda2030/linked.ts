import { z } from 'zod';
import type { DocumentKind, DocumentStatus } from '../../documents/kinds.ts';
import type { Db } from '$lib/server/platform';
import { linkTypes, type Filters, type LinkType } from '../../agenda2030/types.ts';

// What in Erfa is linked to one global goal: active groups, published experiences, documents
// and research whose confirmed goals include it, the newest of each kind first, filtered by
// target, municipality and kind. Re-exported by ./agenda2030.ts.

export const LIST_SIZE = 20;

export { linkTypes, type Filters, type LinkType };

const targetId = /^\d{1,2}\.[0-9a-z]{1,2}$/;
const filtersSchema = z.object({
	target: z.string().regex(targetId).optional().catch(undefined),
	municipality: z.uuid().optional().catch(undefined),
	type: z.enum(linkTypes).optional().catch(undefined)
}) satisfies z.ZodType<Filters, unknown>;

/** Filters from a query string; anything unknown, malformed or of another goal is ignored. */
export function filtersFrom(params: URLSearchParams, n: number): Filters {
	const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''));
	const filters = filtersSchema.parse(raw);
	if (filters.target && !filters.target.startsWith(`${n}.`)) filters.target = undefined;
	return filters;
}

export type Exclusion = 'target' | 'municipality';

/** Which kinds a filter can apply to, and why the others are left out: only experiences and
 * research have targets; research belongs to universities, not to municipalities. */
export function scope(filters: Filters): { shown: LinkType[]; excluded: [LinkType, Exclusion][] } {
	const reasons: Record<LinkType, Exclusion | null> = {
		group: filters.target ? 'target' : null,
		experience: null,
		document: filters.target ? 'target' : null,
		research: filters.municipality ? 'municipality' : null
	};
	const asked = linkTypes.filter((t) => !filters.type || t === filters.type);
	return {
		shown: asked.filter((t) => reasons[t] === null),
		excluded: asked.flatMap((t) => {
			const reason = reasons[t];
			return reason ? [[t, reason] as [LinkType, Exclusion]] : [];
		})
	};
}

export interface Listed<T> {
	items: T[];
	/** All that match, of which `items` are the newest LIST_SIZE. */
	total: number;
}

interface GroupRef {
	slug: string;
	name: string;
}

export interface LinkedGroup {
	id: string;
	slug: string;
	name: string;
	visibility: 'open' | 'closed';
}

export interface LinkedExperience {
	id: string;
	title: string;
	summary: string;
	organizationId: string | null;
	targets: string[];
	publishedAt: string;
	group: GroupRef | null;
}

export interface LinkedDocument {
	id: string;
	kind: DocumentKind;
	title: string;
	summary: string;
	status: DocumentStatus;
	isPublic: boolean;
	organizationId: string | null;
	contentUpdatedAt: string;
	group: GroupRef | null;
}

export interface LinkedResearch {
	id: string;
	title: string;
	year: number | null;
	institutionId: string | null;
	targets: string[];
	visibility: 'public' | 'members';
}

/** One list per kind; null for a kind the filters leave out. */
export interface Linked {
	group: Listed<LinkedGroup> | null;
	experience: Listed<LinkedExperience> | null;
	document: Listed<LinkedDocument> | null;
	research: Listed<LinkedResearch> | null;
}

type Row = Record<string, unknown>;

const toGroup = (r: Row): LinkedGroup => ({
	id: r.id as string,
	slug: r.slug as string,
	name: r.name as string,
	visibility: r.visibility as LinkedGroup['visibility']
});

const toExperience = (r: Row): LinkedExperience => ({
	id: r.id as string,
	title: r.title as string,
	summary: r.summary as string,
	organizationId: r.organization_id as string | null,
	targets: r.sdg_targets as string[],
	publishedAt: r.published_at as string,
	group: r.group as GroupRef | null
});

const toDocument = (r: Row): LinkedDocument => ({
	id: r.id as string,
	kind: r.kind as DocumentKind,
	title: r.title as string,
	summary: r.summary as string,
	status: r.status as DocumentStatus,
	isPublic: r.is_public as boolean,
	organizationId: r.organization_id as string | null,
	contentUpdatedAt: r.content_updated_at as string,
	group: r.group as GroupRef | null
});

const toResearch = (r: Row): LinkedResearch => ({
	id: r.id as string,
	title: r.title as string,
	year: r.year as number | null,
	institutionId: r.institution_id as string | null,
	targets: r.targets as string[],
	visibility: r.visibility as LinkedResearch['visibility']
});

type RawList = { items: Row[]; total: number | string } | null;

function listOf<T>(raw: RawList, map: (r: Row) => T): Listed<T> | null {
	return raw ? { items: raw.items.map(map), total: Number(raw.total) } : null;
}

/** What public.goal_page returns (supabase/migrations/20261211100000_goal_page_unread.sql). */
export interface RawGoalPage {
	group: RawList;
	experience: RawList;
	document: RawList;
	research: RawList;
	organizations: Row[];
	choices: Row[];
	/** The caller's unread notifications, for the header; absent when signed out. */
	unread?: number;
}

/**
 * A goal page's data in one call: the lists (the newest LIST_SIZE of each kind the filters
 * keep, with their totals: groups counted, the rest from counts the database maintains),
 * the municipalities working on the goal, every organization and, signed in, the caller's
 * unread notification count. Reading them with one call
 * instead of seven is most of what a goal page costs (issue 17); row-level security decides
 * every row, as it did for the separate calls.
 */
export async function goalPage(db: Db, n: number, filters: Filters): Promise<RawGoalPage> {
	const { data, error } = await db.rpc('goal_page', {
		p_goal: n,
		p_target: filters.target ?? null,
		p_municipality: filters.municipality ?? null,
		p_kinds: scope(filters).shown
	});
	if (error) throw new Error(`goal_page: ${error.message}`);
	return data as RawGoalPage;
}

/** The lists of a page read with goalPage. */
export function linkedFrom(page: RawGoalPage): Linked {
	return {
		group: listOf(page.group, toGroup),
		experience: listOf(page.experience, toExperience),
		document: listOf(page.document, toDocument),
		research: listOf(page.research, toResearch)
	};
}

/** The organizations the lists name (experiences' and documents' organizations, research's
 * institutions): the page needs only their names, not every organization's (issue 17). */
export function organizationsNamed(linked: Linked): Set<string> {
	const ids = [
		...(linked.experience?.items.map((e) => e.organizationId) ?? []),
		...(linked.document?.items.map((d) => d.organizationId) ?? []),
		...(linked.research?.items.map((r) => r.institutionId) ?? [])
	];
	return new Set(ids.filter((id): id is string => id !== null));
}

/** Everything linked to goal `n` that the caller may read, within the filters. */
export async function linked(db: Db, n: number, filters: Filters): Promise<Linked> {
	return linkedFrom(await goalPage(db, n, filters));
}
