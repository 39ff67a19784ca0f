import { z } from 'zod';
import { documentKinds, type DocumentKind } from '$lib/documents/kinds';
import type { Db } from '$lib/server/platform';

// The shared library ("Verktygslådan"): every published document the caller may read, through
// the security-invoker view public.library_documents, so RLS decides (signed out: only public
// documents). Filters: kind, the group's theme, a global goal, and an organization that made or
// uses the document.

export const PAGE_SIZE = 20;

const uuid = z.uuid();
export const filtersSchema = z.object({
	kind: z.enum(documentKinds).optional().catch(undefined),
	theme: uuid.optional().catch(undefined),
	goal: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
	organization: uuid.optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
export type Filters = z.output<typeof filtersSchema>;

/** Filters from a query string; anything unknown or malformed is ignored, never an error. */
export function filtersFrom(params: URLSearchParams): Filters {
	const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''));
	return filtersSchema.parse(raw);
}

export interface LibraryItem {
	id: string;
	kind: DocumentKind;
	title: string;
	summary: string;
	status: 'published';
	isPublic: boolean;
	sdgGoals: number[];
	contentUpdatedAt: string;
	publishedAt: string;
	organizationId: string | null;
	group: { slug: string; name: string };
	usedBy: string[];
}

type Row = Record<string, unknown>;
/** A row of public.library_documents (also inside public.home_dashboard) as an item. */
export const toItem = (r: Row): LibraryItem => ({
	id: r.id as string,
	kind: r.kind as DocumentKind,
	title: r.title as string,
	summary: r.summary as string,
	status: 'published',
	isPublic: r.is_public as boolean,
	sdgGoals: (r.sdg_goals as number[]) ?? [],
	contentUpdatedAt: r.content_updated_at as string,
	publishedAt: r.published_at as string,
	organizationId: r.organization_id as string | null,
	group: { slug: r.group_slug as string, name: r.group_name as string },
	usedBy: (r.used_by as string[]) ?? []
});

/** A page of the library, and what its filters list, in one call (public.library_page). */
export interface Page {
	items: LibraryItem[];
	total: number;
	/** Rows of public.themes, for groups' `themes.fromRows`. */
	themes: Row[];
	/** Rows of public.organizations, for `organizations.choicesFrom`. */
	organizations: Row[];
	/** A signed-in caller's unread count (the header's badge); null signed out. */
	unread: number | null;
}

/** One page of the documents matching `filters`, newest published first, with their total. */
export async function page(db: Db, filters: Filters): Promise<Page> {
	const { data, error } = await db.rpc('library_page', {
		p_kind: filters.kind ?? null,
		p_theme: filters.theme ?? null,
		p_goal: filters.goal ?? null,
		p_organization: filters.organization ?? null,
		p_offset: (filters.page - 1) * PAGE_SIZE,
		p_limit: PAGE_SIZE
	});
	if (error) throw new Error(`library: ${error.message}`);
	const found = data as Omit<Page, 'items' | 'unread'> & { items: Row[]; unread?: number };
	return { ...found, items: found.items.map(toItem), unread: found.unread ?? null };
}

/**
 * The newest published documents, without the count a page of the library needs (the home
 * page shows a few; counting every readable document under RLS was most of its cost).
 */
export async function newest(db: Db, limit: number): Promise<LibraryItem[]> {
	const { data, error } = await db
		.from('library_documents')
		.select('*')
		.order('published_at', { ascending: false })
		.order('id')
		.limit(limit);
	if (error) throw new Error(`library: ${error.message}`);
	return (data as Row[]).map(toItem);
}
