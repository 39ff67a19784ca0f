import { redirect } from '@sveltejs/kit';
import { inbox } from '$lib/server/notifications';
import type { RequestHandler } from './$types';

// Opening a notification from the list: mark it read, then go to what it is about. A GET,
// so that it is an ordinary link (open in a new tab, copy); marking one's own notification
// read is the only effect, and RLS makes anyone else's id simply unknown.
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) redirect(303, `/login?returnTo=${encodeURIComponent('/notifications')}`);
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) redirect(303, '/notifications');
	const link = await inbox.open(locals.supabase, id);
	redirect(303, link ?? '/notifications');
};
