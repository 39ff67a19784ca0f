import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { plainText } from '$lib/server/platform';

import { themes } from '$lib/server/groups';
import type { PageServerLoad } from './$types';

// Public: themes are the association's programme, readable without an account.
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.supabase;
	const [list, goals] = await Promise.all([themes.list(db), agenda2030.goals(db, getLocale())]);
	const year = new Date().getFullYear();
	return {
		title: m.themes_title(),
		themes: list.map((t) => ({
			slug: t.slug,
			name: t.name,
			startYear: t.startYear,
			endYear: t.endYear,
			sdgGoals: t.sdgGoals,
			featured: t.featured,
			current: themes.isCurrent(t, year),
			excerpt: plainText(t.description, 280)
		})),
		goals
	};
};
