import { redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { NewsletterItem } from '$lib/newsletter/types';
import { requireAdmin } from '$lib/server/admin';
import { formFailure, parse } from '$lib/server/forms';
import * as newsletter from '$lib/server/newsletter';

// Shared by the new-issue and edit pages: the candidates the editor picks from, and saving.

export interface Candidate {
	item: NewsletterItem;
	included: boolean;
}

/** The issue's own items first (kept), then suggestions it does not hold yet. */
export function candidates(chosen: NewsletterItem[], suggested: NewsletterItem[]): Candidate[] {
	const taken = new Set(chosen.map((i) => i.url));
	return [
		...chosen.map((item) => ({ item, included: true })),
		...suggested.filter((i) => !taken.has(i.url)).map((item) => ({ item, included: false }))
	];
}

export async function save(event: RequestEvent, id: string | null) {
	const user = requireAdmin(event);
	const form = await event.request.formData();
	const parsed = parse(newsletter.form.schema, form, newsletter.form.arrays);
	if (!parsed.ok) return parsed.failure;
	const saved = await newsletter.issues.save(
		event.locals.supabase,
		user.id,
		id,
		newsletter.form.toInput(parsed.data)
	);
	if (!saved.ok && saved.reason === 'empty') return formFailure(form, m.newsletter_empty());
	if (!saved.ok) return formFailure(form, m.error_forbidden(), 403);
	redirect(303, `/admin/newsletter/${saved.id}?saved=1`);
}
