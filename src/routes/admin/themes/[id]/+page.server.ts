import * as agenda2030 from '$lib/server/agenda2030';
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/admin';
import { formFailure, parse, values } from '$lib/server/forms';

import { themes } from '$lib/server/groups';
import { themeSchema, themeSlug, toInput } from '../theme-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = event.locals.supabase;
	const [theme, goals] = await Promise.all([
		themes.byId(db, event.params.id),
		agenda2030.goals(db, getLocale())
	]);
	if (!theme) error(404, m.themes_not_found());
	return { title: `${m.themes_edit_title()}: ${theme.name}`, theme, goals };
};

export const actions: Actions = {
	default: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(themeSchema, form, ['sdg']);
		if (!parsed.ok) return parsed.failure;
		const slug = themeSlug(parsed.data);
		const slugError = (message: string) =>
			fail(400, { values: { ...values(form), slug: slug ?? '' }, errors: { slug: message } });
		if (!slug) return slugError(m.themes_slug_invalid());
		const result = await themes.update(
			event.locals.supabase,
			event.params.id,
			toInput(parsed.data, slug)
		);
		if (!result.ok && result.reason === 'slug_taken')
			return slugError(m.themes_slug_taken({ slug }));
		if (!result.ok && result.reason === 'not_found') error(404, m.themes_not_found());
		if (!result.ok) return formFailure(form, m.themes_not_saved());
		return { saved: true };
	}
};
