import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import * as newsletter from '$lib/server/newsletter';
import type { PageServerLoad } from './$types';

// The issue exactly as a subscriber would receive it, in the language asked for: the HTML part
// in a sandboxed frame (no scripts, no navigation) and the plain-text part beside it.
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const issue = await newsletter.issues.get(event.locals.supabase, event.params.id);
	if (!issue) error(404, m.error_not_found());
	const lang = event.url.searchParams.get('lang') === 'en' ? 'en' : 'sv';
	const mail = newsletter.mails.preview(issue, lang);
	return {
		title: m.newsletter_preview_title({ subject: mail.subject }),
		id: issue.id,
		lang,
		mail
	};
};
