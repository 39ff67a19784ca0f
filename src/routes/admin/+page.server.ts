import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	return { title: m.admin_title(), overview: await admin.overview(event.locals.supabase) };
};
