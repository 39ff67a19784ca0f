import { m } from '$lib/paraglide/messages.js';
import { organizations } from '$lib/server/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// Who belongs where is for members: anonymous visitors get no counts.
	const [{ counties, universities, others }, counts] = await Promise.all([
		organizations.list(locals.supabase),
		locals.user ? organizations.peopleCounts(locals.supabase) : null
	]);
	return {
		title: m.organizations_title(),
		counties,
		universities,
		others,
		counts,
		q: (url.searchParams.get('q') ?? '').slice(0, 100)
	};
};
