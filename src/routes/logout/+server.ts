import { redirect } from '@sveltejs/kit';
import { sessions, clearSessionCookie } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await sessions.invalidate(sql(), locals.session.id);
	clearSessionCookie(cookies, url);
	redirect(303, '/login?loggedOut=1');
};
