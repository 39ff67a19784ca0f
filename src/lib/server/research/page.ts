import type { Db } from '$lib/server/platform';
import {
	PAGE_SIZE,
	toSummary,
	type Facets,
	type Filters,
	type ResearchSummary
} from './research.ts';

/** The research list page's data from one call: its records, the facets, the organizations
 * (rows, for organizations.choicesFrom) and the caller's unread count (null signed out). */
export interface ResearchPage {
	items: ResearchSummary[];
	facets: Facets;
	organizations: Record<string, unknown>[];
	unread: number | null;
}

/**
 * public.research_page: a page of records, the facets and the organizations in one round trip
 * (issue 17) instead of three PostgREST requests; the same filters, order and read rules (the
 * caller's own), which page.test.ts holds to the three requests.
 */
export async function page(db: Db, f: Filters): Promise<ResearchPage> {
	const { sort, page: n, ...filters } = f;
	const { data, error } = await db.rpc('research_page', {
		f: filters,
		p_sort: sort,
		p_offset: (n - 1) * PAGE_SIZE,
		p_limit: PAGE_SIZE
	});
	if (error) throw new Error(`research: ${error.message}`);
	const read = data as Omit<ResearchPage, 'items'> & { items: Record<string, unknown>[] };
	return { ...read, items: read.items.map(toSummary), unread: read.unread ?? null };
}
