import { m } from '$lib/paraglide/messages.js';
import * as discussions from '$lib/server/discussions';
import { signedIn } from '$lib/server/groups';
import { rights } from './access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const r = rights(await event.parent(), user);
	const title = m.discussions_title({ group: r.group.name });
	if (!r.canRead) return { title, restricted: true as const, slug: r.group.slug };
	const requested = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
	const { threads, total } = await discussions.listThreads(event.locals.supabase, r.group.id, page);
	return {
		title,
		restricted: false as const,
		slug: r.group.slug,
		threads,
		page,
		pages: Math.max(1, Math.ceil(total / discussions.PAGE_SIZE)),
		canPost: r.canPost
	};
};
