import { json } from '@sveltejs/kit';
import { fields } from '$lib/server/forms';
import * as search from '$lib/server/search';
import type { RequestHandler } from './$types';

// The header's type-ahead: the top hits for what has been typed so far, as the caller may see
// them. Never cached: what a person may read changes with who they are and when. Whatever was
// typed, the answer is a list: text that cannot be searched for finds nothing.
const input = fields
	.string()
	.max(search.MAX_QUERY)
	.refine((q) => q.trim().length > 0);

const nothing = { hits: [], corrected: null };

export const GET: RequestHandler = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const q = input.safeParse(url.searchParams.get('q') ?? '');
	if (!q.success) return json(nothing);
	try {
		return json(await search.suggest(locals.supabase, q.data));
	} catch (e) {
		// Typing must never meet an error: the failure is logged, and nothing is suggested.
		console.error(e);
		return json(nothing);
	}
};
