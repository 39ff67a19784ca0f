import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { throttle } from '$lib/server/auth';
import { sql, clientOf } from '$lib/server/platform';
import { formFailure, parse, values } from '$lib/server/forms';
import { reports } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
	title: m.a11y_title(),
	// Links such as "/accessibility?page=/profile" say where the visitor found a problem.
	page: reports.pageHint(url.searchParams.get('page')),
	signedIn: locals.user !== null
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(reports.reportSchema, form);
		if (!parsed.ok) return parsed.failure;
		// Counted only for valid reports, so correcting a typo never locks anyone out.
		const verdict = await throttle.hit(
			sql(),
			`report:${clientOf(event).ip}`,
			throttle.limits.reportPerAddress
		);
		if (!verdict.allowed) {
			event.setHeaders({ 'retry-after': String(verdict.retryAfterSeconds) });
			const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
			return formFailure(form, m.a11y_report_throttled({ minutes }), 429);
		}
		const result = await reports.create(
			event.locals.supabase,
			parsed.data,
			event.locals.user?.id ?? null
		);
		if (!result.ok) return fail(400, { values: values(form), errors: result.errors });
		return { reported: true };
	}
};
