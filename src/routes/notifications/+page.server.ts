import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { pageParam } from '$lib/server/admin';
import { formFailure, parse } from '$lib/server/forms';
import { inbox } from '$lib/server/notifications';
import type { Actions, PageServerLoad } from './$types';

function signedIn(locals: App.Locals, back = '/notifications') {
	if (!locals.user) redirect(303, `/login?returnTo=${encodeURIComponent(back)}`);
	return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url.pathname + url.search);
	const unreadOnly = url.searchParams.get('filter') === 'unread';
	const page = pageParam(url.searchParams.get('page'));
	const [list, unread] = await Promise.all([
		inbox.list(locals.supabase, { unreadOnly, page }),
		inbox.unreadCount(locals.supabase)
	]);
	return { title: m.notifications_title(), unreadOnly, list, unread };
};

const one = z.object({
	id: z.coerce
		.number({ error: () => m.notifications_invalid() })
		.int()
		.positive()
});

export const actions = {
	markAll: async ({ locals }) => {
		signedIn(locals);
		await inbox.markRead(locals.supabase, 'all');
		return { marked: 'all' as const };
	},
	markOne: async ({ locals, request }) => {
		signedIn(locals);
		const form = await request.formData();
		const parsed = parse(one, form);
		if (!parsed.ok) return formFailure(form, m.notifications_invalid());
		// Marking one that is already read (a double submit) changes nothing and is fine.
		await inbox.markRead(locals.supabase, [parsed.data.id]);
		return { marked: 'one' as const };
	}
} satisfies Actions;
