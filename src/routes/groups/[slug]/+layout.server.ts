import { m } from '$lib/paraglide/messages.js';
import { groupAccess } from '$lib/server/groups';
import * as home from '$lib/server/home';
import type { LayoutServerLoad } from './$types';

// Loads the group for every page below /groups/[slug]: 404 when it does not exist or RLS hides
// it. Child pages read `group`, `membership`, `canModerate` and `canRead` with `await parent()`,
// but their actions check again with groupAccess(): layout loads do not run before actions.
export const load: LayoutServerLoad = async (event) => {
	const access = await groupAccess(event, m.groups_not_found());
	const { group } = access;
	// Members' home pages show what is new since this visit.
	if (access.role) await home.visited(event.locals.supabase, access.user.id, group.id);
	return {
		title: group.name,
		group: {
			id: group.id,
			slug: group.slug,
			name: group.name,
			description: group.description,
			visibility: group.visibility,
			status: group.status,
			theme: group.theme,
			sdgGoals: group.sdgGoals,
			decisionNote: group.decisionNote
		},
		membership: access.role ? { role: access.role } : null,
		canModerate: access.canModerate,
		canRead: access.canRead
	};
};
