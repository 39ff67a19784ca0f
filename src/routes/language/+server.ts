import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { locales } from '$lib/paraglide/runtime';
import { safeReturnTo } from '$lib/server/platform';
import type { RequestHandler } from './$types';

// Switching language works without JavaScript: a form post sets the cookie Paraglide reads,
// remembers the choice on the account for e-mails, and returns to the same page.
const input = z.object({
	locale: z.enum(locales),
	returnTo: z.string().catch('/')
});

export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	// Not a form at all (JSON, a broken multipart body): nothing to switch to.
	const form = await request.formData().catch(() => null);
	const parsed = input.safeParse(form ? Object.fromEntries(form) : null);
	if (!parsed.success) redirect(303, '/');
	const { locale, returnTo } = parsed.data;
	cookies.set('erfa_locale', locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 400,
		sameSite: 'lax',
		httpOnly: false,
		secure: url.protocol === 'https:'
	});
	if (locals.user) {
		await locals.supabase.from('accounts').update({ locale }).eq('user_id', locals.user.id);
	}
	redirect(303, safeReturnTo(returnTo));
};
