import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as map from '$lib/server/map';
import { offerUnreadFrom } from '$lib/server/notifications';

import type { PageServerLoad } from './$types';

// The knowledge map: member municipalities and regions × the 17 goals, or the same by county
// (?view=counties). Row-level security decides what is counted for the visitor.
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = locals.supabase;
	const view = url.searchParams.get('view') === 'counties' ? 'counties' : 'places';
	const visibility = map.visibilityOf(db, locals.user);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	if (locals.user) offerUnreadFrom(locals, visibility);
	const [knowledge, goals] = await Promise.all([
		visibility.then((v) => map.matrix(db, v)),
		agenda2030.goals(db, getLocale())
	]);
	return {
		title: m.map_title(),
		view,
		map: map.forView(knowledge, view),
		goals,
		measures: map.measures,
		signedIn: locals.user !== null
	};
};
