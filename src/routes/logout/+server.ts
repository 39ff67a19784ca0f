import { redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { sql } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await sessions.invalidate(sql(), locals.session.id);
	clearSessionCookie(cookies, url);
	redirect(303, '/login?loggedOut=1');
};
