import * as agenda2030 from '$lib/server/agenda2030';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as groups from '$lib/server/groups';
import { plainText, render } from '$lib/server/platform';

import { themes } from '$lib/server/groups';
import type { PageServerLoad } from './$types';

// A theme and its groups. The theme is public; its groups are listed for signed-in members
// only (RLS shows anonymous visitors none).
export const load: PageServerLoad = async ({ locals, params }) => {
	const db = locals.supabase;
	const theme = await themes.bySlug(db, params.slug);
	if (!theme) error(404, m.themes_not_found());
	const [goals, list] = await Promise.all([
		agenda2030.goals(db, getLocale()),
		locals.user ? groups.ofTheme(db, theme.id) : null
	]);
	return {
		title: theme.name,
		theme: {
			slug: theme.slug,
			name: theme.name,
			startYear: theme.startYear,
			endYear: theme.endYear,
			sdgGoals: theme.sdgGoals,
			featured: theme.featured,
			current: themes.isCurrent(theme)
		},
		description: theme.description.trim() ? render(theme.description) : null,
		groups:
			list?.map((g) => ({
				slug: g.slug,
				name: g.name,
				visibility: g.visibility,
				excerpt: plainText(g.description, 200)
			})) ?? null,
		goals
	};
};
