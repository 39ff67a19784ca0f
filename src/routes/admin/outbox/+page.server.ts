import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { readConfig } from '$lib/server/platform';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const page = admin.pageParam(event.url.searchParams.get('page'));
	const outbox = await admin.outbox(event.locals.supabase, page);
	return { title: m.admin_outbox_title(), outbox, smtp: Boolean(readConfig().SMTP_URL) };
};
