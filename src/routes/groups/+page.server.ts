import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { signedIn } from '$lib/server/group-access';
import * as groups from '$lib/server/groups';
import { plainText } from '$lib/server/markdown';
import * as memberships from '$lib/server/memberships';
import { sdgGoals } from '$lib/server/profiles';
import * as themes from '$lib/server/themes';
import { anyFilter, readFilters } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const db = event.locals.supabase;
	const filters = readFilters(event.url.searchParams);
	const [list, themeList, goals, proposals, invitations] = await Promise.all([
		groups.list(db, filters, { id: user.id, admin: user.role === 'admin' }),
		themes.list(db),
		sdgGoals(db, getLocale()),
		groups.myProposals(db, user.id),
		memberships.myInvitations(db, user.id)
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
		invitationCount: invitations.invitations.length
	};
};
