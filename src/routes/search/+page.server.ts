import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';

import { cleanText } from '$lib/server/forms';
import { offerUnreadFrom } from '$lib/server/notifications';
import type { Db } from '$lib/server/platform';
import * as search from '$lib/server/search';
import type { PageServerLoad } from './$types';

// Search over everything the person may read; the database runs it as them (RLS decides).
export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, error } = search.queryFrom(url.searchParams);
	const finding = query ? run(locals.supabase, query) : null;
	// The header's unread badge comes from the same call (notifications/unread.ts).
	if (locals.user) offerUnreadFrom(locals, finding);
	const [answer, goals] = await Promise.all([
		finding,
		agenda2030.goals(locals.supabase, getLocale())
	]);
	return {
		title: query ? m.search_title_for({ q: query.q }) : m.search_title(),
		q: query?.q ?? cleanText((url.searchParams.get('q') ?? '').slice(0, 400)),
		query,
		filters: query ? search.filtersOf(query) : null,
		tooLong: error === 'too_long',
		unsearchable: error === 'unsearchable' || (query !== null && answer === null),
		maxLength: search.MAX_QUERY,
		results: answer?.results ?? null,
		goals,
		signedIn: locals.user !== null
	};
};

// What a person types is never an error page: should the database still refuse a query (its
// words are quoted, so none is known to), the page says so (null) and the search box stays usable.
async function run(db: Db, query: search.Query): Promise<search.Found | null> {
	try {
		return await search.find(db, query);
	} catch (e) {
		console.error(e);
		return null;
	}
}
