import { json } from '@sveltejs/kit';
import { z } from 'zod';
import * as search from '$lib/server/search';
import type { RequestHandler } from './$types';

// The header's type-ahead: the top hits for what has been typed so far, as the caller may see
// them. Never cached: what a person may read changes with who they are and when.
const input = z
	.string()
	.max(search.MAX_QUERY)
	.refine((q) => q.trim().length > 0);

export const GET: RequestHandler = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const q = input.safeParse(url.searchParams.get('q') ?? '');
	if (!q.success) return json({ hits: [], corrected: null });
	return json(await search.suggest(locals.supabase, q.data));
};
