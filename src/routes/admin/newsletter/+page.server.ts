import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import * as newsletter from '$lib/server/newsletter';
import { sql } from '$lib/server/platform';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const [unsent, sent, subscribers] = await Promise.all([
		newsletter.issues.unsent(event.locals.supabase),
		newsletter.issues.archive(event.locals.supabase),
		newsletter.subscriptions.activeCount(sql())
	]);
	return { title: m.newsletter_admin_title(), unsent, sent, subscribers };
};
