import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { cleanText } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const q = cleanText(event.url.searchParams.get('q') ?? '')
		.trim()
		.slice(0, 100);
	const page = admin.pageParam(event.url.searchParams.get('page'));
	const users = await admin.users(event.locals.supabase, { q, page });
	return { title: m.admin_users_title(), q, users, deleted: event.url.searchParams.has('deleted') };
};
