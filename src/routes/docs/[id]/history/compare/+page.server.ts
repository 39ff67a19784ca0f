import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

// The history page's "compare two versions" form (GET, works without JavaScript) lands here
// and goes on to the first version's page, compared with the second (or with now).
const picked = z.object({
	from: z.uuid(),
	to: z.union([z.uuid(), z.literal('now')])
});

export const load: PageServerLoad = ({ params, url }) => {
	const parsed = picked.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, m.versions_compare_pick());
	const { from, to } = parsed.data;
	redirect(303, `/docs/${params.id}/history/${from}?compare=${to}`);
};
