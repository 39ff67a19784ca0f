import { m } from '$lib/paraglide/messages.js';
import { CHECK_EMAIL_COOKIE } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies }) => ({
	title: m.check_email_title(),
	email: cookies.get(CHECK_EMAIL_COOKIE) ?? null
});
