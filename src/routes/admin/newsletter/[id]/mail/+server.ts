import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import * as newsletter from '$lib/server/newsletter';
import type { RequestHandler } from './$types';

// The HTML part of the issue as a page of its own, exactly as a mail client gets it. Served with
// a policy that allows no scripts and nothing from elsewhere: a mail has inline styles only.
export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const issue = await newsletter.issues.get(event.locals.supabase, event.params.id);
	if (!issue) error(404, m.error_not_found());
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'sv';
	return new Response(newsletter.mails.preview(issue, lang).html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
		}
	});
};
