import * as agenda2030 from '$lib/server/agenda2030';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/admin';
import { formFailure, parse, values } from '$lib/server/forms';

import { themes } from '$lib/server/groups';
import { themeSchema, themeSlug, toInput } from './theme-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = event.locals.supabase;
	const [list, goals] = await Promise.all([themes.list(db), agenda2030.goals(db, getLocale())]);
	return { title: m.themes_admin_title(), themes: list, goals };
};

async function create(event: RequestEvent) {
	requireAdmin(event);
	const form = await event.request.formData();
	const parsed = parse(themeSchema, form, ['sdg']);
	if (!parsed.ok)
		return fail(parsed.failure.status, { ...parsed.failure.data, section: 'create' as const });
	const slug = themeSlug(parsed.data);
	const slugError = (message: string) =>
		fail(400, {
			values: { ...values(form), slug: slug ?? parsed.data.slug },
			errors: { slug: message },
			section: 'create' as const
		});
	if (!slug) return slugError(m.themes_slug_invalid());
	const result = await themes.create(event.locals.supabase, toInput(parsed.data, slug));
	if (!result.ok && result.reason === 'slug_taken') return slugError(m.themes_slug_taken({ slug }));
	if (!result.ok) {
		const failure = formFailure(
			form,
			m.themes_not_saved(),
			result.reason === 'forbidden' ? 403 : 400
		);
		return fail(failure.status, { ...failure.data, section: 'create' as const });
	}
	return { section: 'create' as const, created: result.theme.name };
}

const featureSchema = z.object({ theme: z.union([z.literal(''), z.uuid()]).default('') });

async function feature(event: RequestEvent) {
	requireAdmin(event);
	const form = await event.request.formData();
	const parsed = parse(featureSchema, form);
	if (!parsed.ok)
		return fail(400, { section: 'list' as const, message: m.groups_field_invalid_id() });
	const db = event.locals.supabase;
	const id = parsed.data.theme || null;
	const theme = id ? await themes.byId(db, id) : null;
	if (id && !theme)
		return fail(404, { section: 'list' as const, message: m.groups_field_invalid_id() });
	const result = await themes.setFeatured(db, id);
	if (!result.ok) {
		const message = result.reason === 'busy' ? m.themes_featured_busy() : m.themes_not_saved();
		return fail(409, { section: 'list' as const, message });
	}
	const notice = theme ? m.themes_featured_set({ name: theme.name }) : m.themes_featured_cleared();
	return { section: 'list' as const, notice };
}

export const actions = { create, feature } satisfies Actions;
