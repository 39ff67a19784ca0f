import * as agenda2030 from '$lib/server/agenda2030';
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { signedIn, themes } from '$lib/server/groups';
import * as groups from '$lib/server/groups';
import { fieldFailure, formFailure, parse, values } from '$lib/server/forms';

import { proposal, slugFor } from '../group-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	signedIn(event);
	const db = event.locals.supabase;
	const [themeList, goals] = await Promise.all([
		themes.list(db),
		agenda2030.goals(db, getLocale())
	]);
	const wanted = event.url.searchParams.get('theme');
	return {
		title: m.groups_new_title(),
		themes: themeList.map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
		goals,
		// Coming from a theme's page ("propose a group in this theme") preselects it.
		theme: themeList.find((t) => t.slug === wanted)?.id ?? ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = signedIn(event);
		const db = event.locals.supabase;
		const form = await event.request.formData();
		const parsed = parse(proposal, form, ['sdg']);
		if (!parsed.ok) return parsed.failure;
		const input = parsed.data;
		const slug = slugFor(input);
		const slugError = (message: string) =>
			fail(400, {
				values: { ...values(form), slug: slug ?? input.slug },
				errors: { slug: message }
			});
		if (!slug) return slugError(m.groups_slug_invalid());
		const result = await groups.propose(db, user.id, {
			slug,
			name: input.name,
			description: input.description,
			themeId: input.theme,
			sdgGoals: input.sdg,
			visibility: input.visibility
		});
		if (!result.ok && result.reason === 'slug_taken') {
			// A double submit finds its own proposal under that slug: that is success, not a clash.
			const existing = await groups.bySlug(db, slug);
			if (existing?.proposedBy === user.id && existing.name === input.name.trim()) {
				redirect(303, `/groups/${slug}?proposed=1`);
			}
			return slugError(m.groups_slug_taken({ slug }));
		}
		if (!result.ok && result.reason === 'unknown_theme') {
			return fieldFailure(form, 'theme', m.groups_theme_unknown());
		}
		if (!result.ok) return formFailure(form, m.groups_not_saved());
		redirect(303, `/groups/${slug}?proposed=1`);
	}
};
