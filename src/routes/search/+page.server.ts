import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as profiles from '$lib/server/profiles';
import * as search from '$lib/server/search';
import type { PageServerLoad } from './$types';

// Search over everything the person may read; the database runs it as them (RLS decides).
export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, error } = search.queryFrom(url.searchParams);
	const [results, goals] = await Promise.all([
		query ? search.find(locals.supabase, query) : null,
		profiles.sdgGoals(locals.supabase, getLocale())
	]);
	return {
		title: query ? m.search_title_for({ q: query.q }) : m.search_title(),
		q: query?.q ?? (url.searchParams.get('q') ?? '').slice(0, 400),
		query,
		filters: query ? search.filtersOf(query) : null,
		tooLong: error === 'too_long',
		maxLength: search.MAX_QUERY,
		results,
		goals,
		signedIn: locals.user !== null
	};
};
