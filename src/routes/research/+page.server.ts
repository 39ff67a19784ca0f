import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { offerUnreadFrom } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';

import * as research from '$lib/server/research';
import type { PageServerLoad } from './$types';

// Research from the universities, with facets. Public records signed out; members-only ones
// too for members (RLS through locals.supabase decides).
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = locals.supabase;
	const filters = research.filtersFrom(url.searchParams);
	const reading = research.page(db, filters);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	offerUnreadFrom(locals, reading);
	const [{ items, facets, ...page }, goals] = await Promise.all([
		reading,
		agenda2030.goals(db, getLocale())
	]);
	const orgs = organizations.choicesFrom(page.organizations);
	return {
		title: m.research_title(),
		filters,
		items,
		total: facets.total,
		pages: Math.max(1, Math.ceil(facets.total / research.PAGE_SIZE)),
		facets,
		goals,
		institutions: orgs
			.filter((o) => facets.institution[o.id])
			.map((o) => ({ id: o.id, name: o.name })),
		signedIn: locals.user !== null,
		canPost: locals.user ? research.canPostAmong(locals.user, orgs) : false
	};
};
