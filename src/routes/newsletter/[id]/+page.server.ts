import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as newsletter from '$lib/server/newsletter';
import type { PageServerLoad } from './$types';

// One issue in the web archive. RLS shows everyone sent issues only; administrators may also
// open a draft here, which is how the compose page links to it.
export const load: PageServerLoad = async ({ params, locals }) => {
	const issue = await newsletter.issues.get(locals.supabase, params.id);
	if (!issue) error(404, m.error_not_found());
	const locale = getLocale();
	return {
		title: newsletter.render.subjectOf(issue, locale),
		issue,
		// Sanitized on save too; again here, since demo data and older rows bypass the form.
		intro: newsletter.render.cleanIntro(newsletter.render.introOf(issue, locale)),
		items: issue.items
	};
};
