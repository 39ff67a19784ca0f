import { m } from '$lib/paraglide/messages.js';
import { groupPageAccess } from '$lib/server/groups';
import type { LayoutServerLoad } from './$types';

// Loads the group for every page below /groups/[slug]: 404 when it does not exist or RLS hides
// it. Child pages read `group`, `membership`, `canModerate` and `canRead` with `await parent()`,
// but their actions check again with groupAccess(): layout loads do not run before actions.
export const load: LayoutServerLoad = async (event) => {
	// Also records a member's visit: their home page shows what is new since it. The overview
	// page's content comes in the same call (one round trip instead of two in a row). Untracked:
	// moving between the group's pages must not load the layout again.
	const overview = event.untrack(() => event.route.id === '/groups/[slug]');
	const access = await groupPageAccess(event, m.groups_not_found(), overview);
	const { group } = access;
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
