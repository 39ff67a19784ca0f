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
type Result = {
	data: unknown;
	count: number | null;
	error: { code?: string; message: string } | null;
};

async function listed<T>(label: string, query: PromiseLike<Result>, map: (r: Row) => T) {
	const { data, count, error } = await query;
	if (error) throw new Error(`${label}: ${error.message}`);
	return { items: (data as Row[]).map(map), total: count ?? 0 };
}

const range = [0, LIST_SIZE - 1] as const;

function groups(db: Db, n: number, f: Filters, signedIn: boolean): Promise<Listed<LinkedGroup>> {
	// Who takes part in a group is for signed-in members only: signed out, no groups match a
	// municipality.
	if (f.municipality && !signedIn) return Promise.resolve({ items: [], total: 0 });
	// Under a municipality filter: the groups that people from that organization take part in.
	const members = f.municipality
		? ', members:group_members!inner(profile:profiles!inner(organization_id))'
		: '';
	let query = db
		.from('groups')
		.select(`id, slug, name, visibility${members}`, { count: 'exact' })
		.eq('status', 'active')
		.contains('sdg_goals', [n]);
	if (f.municipality) query = query.eq('members.profile.organization_id', f.municipality);
	return listed('groups', query.order('created_at', { ascending: false }).range(...range), (r) => ({
		id: r.id as string,
		slug: r.slug as string,
		name: r.name as string,
		visibility: r.visibility as LinkedGroup['visibility']
	}));
}

function experiences(db: Db, n: number, f: Filters): Promise<Listed<LinkedExperience>> {
	let query = db
		.from('experiences')
		.select(
			'id, title, summary, organization_id, sdg_targets, published_at, group:groups(slug, name)'
		)
		.eq('status', 'published')
		.is('hidden_at', null)
		.contains('sdg_goals', [n]);
	if (f.target) query = query.contains('sdg_targets', [f.target]);
	if (f.municipality) query = query.eq('organization_id', f.municipality);
	query = query.order('published_at', { ascending: false }).order('id');
	return listed('experiences', query.range(...range), (r) => ({
		id: r.id as string,
		title: r.title as string,
		summary: r.summary as string,
		organizationId: r.organization_id as string | null,
		targets: r.sdg_targets as string[],
		publishedAt: r.published_at as string,
		group: r.group as GroupRef | null
	}));
}

function documents(db: Db, n: number, f: Filters): Promise<Listed<LinkedDocument>> {
	let query = db
		.from('documents')
		.select(
			'id, kind, title, summary, status, is_public, organization_id, content_updated_at, ' +
				'group:groups(slug, name)'
		)
		.contains('sdg_goals', [n]);
	if (f.municipality) query = query.eq('organization_id', f.municipality);
	query = query.order('content_updated_at', { ascending: false }).order('id');
	return listed('documents', query.range(...range), (r) => ({
		id: r.id as string,
		kind: r.kind as DocumentKind,
		title: r.title as string,
		summary: r.summary as string,
		status: r.status as DocumentStatus,
		isPublic: r.is_public as boolean,
		organizationId: r.organization_id as string | null,
		contentUpdatedAt: r.content_updated_at as string,
		group: r.group as GroupRef | null
	}));
}

function research(db: Db, n: number, f: Filters): Promise<Listed<LinkedResearch>> {
	let query = db
		.from('research')
		.select('id, title, year, institution_id, targets, visibility')
		.contains('goals', [n]);
	if (f.target) query = query.contains('targets', [f.target]);
	query = query
		.order('year', { ascending: false, nullsFirst: false })
		.order('created_at', { ascending: false })
		.order('id');
	return listed('research', query.range(...range), (r) => ({
		id: r.id as string,
		title: r.title as string,
		year: r.year as number | null,
		institutionId: r.institution_id as string | null,
		targets: r.targets as string[],
		visibility: r.visibility as LinkedResearch['visibility']
	}));
}

type Lister = (db: Db, n: number, f: Filters, signedIn: boolean) => Promise<Listed<unknown>>;
const lists: Record<(typeof linkTypes)[number], Lister> = {
	group: groups,
	experience: experiences,
	document: documents,
	research
};

/**
 * The totals of the experience, document and research lists, from counts the database
 * maintains (public.goal_totals applies the read rules): counting tens of thousands of rows on
 * every visit was most of a goal page's time at volume (issue 17). The lists themselves are not
 * counted.
 */
async function totals(db: Db, n: number, f: Filters, shown: LinkType[]) {
	if (!shown.some((t) => t !== 'group')) return null;
	const { data, error } = await db.rpc('goal_totals', {
		p_goal: n,
		p_target: f.target ?? null,
		p_municipality: f.municipality ?? null
	});
	if (error) throw new Error(`goal_totals: ${error.message}`);
	const [row] = data as { experiences: number; documents: number; research: number }[];
	return {
		experience: Number(row?.experiences ?? 0),
		document: Number(row?.documents ?? 0),
		research: Number(row?.research ?? 0)
	};
}

/** Everything linked to goal `n` that the caller may read, within the filters. */
export async function linked(
	db: Db,
	n: number,
	filters: Filters,
	signedIn = true
): Promise<Linked> {
	const { shown } = scope(filters);
	const [results, counted] = await Promise.all([
		Promise.all(
			linkTypes.map((type) => (shown.includes(type) ? lists[type](db, n, filters, signedIn) : null))
		),
		totals(db, n, filters, shown)
	]);
	const [group, experience, document, found] = results;
	if (experience && counted) experience.total = counted.experience;
	if (document && counted) document.total = counted.document;
	if (found && counted) found.total = counted.research;
	return {
		group: group as Listed<LinkedGroup> | null,
		experience: experience as Listed<LinkedExperience> | null,
		document: document as Listed<LinkedDocument> | null,
		research: found as Listed<LinkedResearch> | null
	};
}
