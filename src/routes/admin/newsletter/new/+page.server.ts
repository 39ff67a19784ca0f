import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import * as newsletter from '$lib/server/newsletter';
import { candidates, save } from '../compose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const suggested = await newsletter.suggestions.gather(event.locals.supabase);
	return {
		title: m.newsletter_compose_title_new(),
		since: suggested.since,
		candidates: candidates([], suggested.items)
	};
};

export const actions = {
	default: (event) => save(event, null)
} satisfies Actions;
