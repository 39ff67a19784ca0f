import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import { getLocale } from '$lib/paraglide/runtime';
import { fieldFailure, formFailure, parse, values } from '$lib/server/forms';
import * as newsletter from '$lib/server/newsletter';
import { sql } from '$lib/server/platform';
import { candidates, save } from '../compose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const issue = await newsletter.issues.get(event.locals.supabase, event.params.id);
	if (!issue) error(404, m.error_not_found());
	const draft = issue.status === 'draft';
	const suggested = draft ? await newsletter.suggestions.gather(event.locals.supabase) : null;
	return {
		title: issue.subjectSv,
		issue,
		since: suggested?.since ?? issue.createdAt,
		candidates: candidates(issue.items, suggested?.items ?? []),
		subscribers: await newsletter.subscriptions.activeCount(sql()),
		audience: draft ? await newsletter.audience.options(sql(), getLocale()) : null,
		progress: draft ? null : await newsletter.sending.progress(sql(), issue.id),
		saved: event.url.searchParams.has('saved')
	};
};

const sendSchema = z.object({
	confirm: z.literal('on', { error: () => m.newsletter_send_confirm_required() })
});

export const actions = {
	save: (event) => save(event, event.params.id),
	// How many the chosen audience reaches now (the send form's "count" button).
	count: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const chosen = parse(newsletter.audience.schema, form, newsletter.audience.arrays);
		if (!chosen.ok) return chosen.failure;
		const counted = await newsletter.audience.count(sql(), chosen.data);
		return { counted, values: values(form) };
	},
	send: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const chosen = parse(newsletter.audience.schema, form, newsletter.audience.arrays);
		if (!chosen.ok) return chosen.failure;
		const parsed = parse(sendSchema, form);
		if (!parsed.ok) return fieldFailure(form, 'confirm', m.newsletter_send_confirm_required());
		const started = await newsletter.sending.begin(sql(), event.params.id, chosen.data);
		if (!started.ok && started.reason === 'empty') return formFailure(form, m.newsletter_empty());
		if (!started.ok && started.reason === 'no_audience') {
			return fieldFailure(form, 'audience', m.newsletter_audience_none());
		}
		if (!started.ok) error(404, m.error_not_found());
		newsletter.sending.kick();
		redirect(303, `/admin/newsletter/${event.params.id}`);
	},
	remove: async (event) => {
		requireAdmin(event);
		await newsletter.issues.remove(event.locals.supabase, event.params.id);
		redirect(303, '/admin/newsletter');
	}
} satisfies Actions;
