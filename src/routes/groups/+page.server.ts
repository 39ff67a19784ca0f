import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { signedIn, themes } from '$lib/server/groups';
import * as groups from '$lib/server/groups';
import { offerUnreadFrom } from '$lib/server/notifications';
import { plainText } from '$lib/server/platform';

import { anyFilter, readFilters } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const db = event.locals.supabase;
	const filters = readFilters(event.url.searchParams);
	const mine = groups.listPageMine(db);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	offerUnreadFrom(event.locals, mine);
	const [list, themeList, goals, { proposals, invitationCount }] = await Promise.all([
		groups.list(db, filters, { id: user.id, admin: user.role === 'admin' }),
		themes.shared(db),
		agenda2030.goals(db, getLocale()),
		mine
	]);
	return {
		title: m.groups_title(),
		filters,
		filtered: anyFilter(filters),
		groups: list.map(({ description, ...g }) => ({ ...g, excerpt: plainText(description, 240) })),
		themes: themeList.map((t) => ({ slug: t.slug, name: t.name })),
		goals,
		proposals: proposals.map(({ description, ...p }) => ({
			...p,
			excerpt: plainText(description, 160)
		})),
		invitationCount
	};
};
