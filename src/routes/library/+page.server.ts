import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { library } from '$lib/server/documents';
import { offerUnreadFrom } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';

import { themes } from '$lib/server/groups';
import type { PageServerLoad } from './$types';

// Verktygslådan: published documents, readable by every signed-in member; signed out, only the
// ones their groups made public (RLS decides through locals.supabase).
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = locals.supabase;
	const filters = library.filtersFrom(url.searchParams);
	const finding = library.page(db, filters);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	if (locals.user) offerUnreadFrom(locals, finding);
	const [found, goals] = await Promise.all([finding, agenda2030.goals(db, getLocale())]);
	const orgs = organizations.choicesFrom(found.organizations);
	const names = new Map(orgs.map((o) => [o.id, o.name]));
	return {
		title: m.library_title(),
		signedIn: locals.user !== null,
		filters,
		items: found.items.map((item) => ({
			...item,
			organization: item.organizationId ? { name: names.get(item.organizationId) ?? '' } : null
		})),
		total: found.total,
		pages: Math.max(1, Math.ceil(found.total / library.PAGE_SIZE)),
		goals,
		themes: themes.fromRows(found.themes).map((t) => ({ value: t.id, label: t.name })),
		organizations: orgs.map((o) => ({ value: o.id, label: o.name }))
	};
};
