import * as agenda2030 from '$lib/server/agenda2030';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import { moderatorAccess, themes } from '$lib/server/groups';
import * as groups from '$lib/server/groups';

import { groupFields } from '../../group-form';
import type { Actions, PageServerLoad } from './$types';

// Coordinators and administrators edit the group. The slug stays: links to it must keep working.

export const load: PageServerLoad = async (event) => {
	const { canModerate, group } = await event.parent();
	if (!canModerate) error(403, 'Forbidden');
	const db = event.locals.supabase;
	const [themeList, goals] = await Promise.all([
		themes.list(db),
		agenda2030.goals(db, getLocale())
	]);
	return {
		title: `${m.groups_settings_title()} – ${group.name}`,
		themes: themeList.map((t) => ({ id: t.id, name: t.name })),
		goals
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { group } = await moderatorAccess(event);
		const form = await event.request.formData();
		const parsed = parse(groupFields, form, ['sdg']);
		if (!parsed.ok) return parsed.failure;
		const input = parsed.data;
		const result = await groups.update(event.locals.supabase, group.id, {
			name: input.name,
			description: input.description,
			themeId: input.theme,
			sdgGoals: input.sdg,
			visibility: input.visibility
		});
		if (!result.ok && result.reason === 'unknown_theme') {
			return fieldFailure(form, 'theme', m.groups_theme_unknown());
		}
		if (!result.ok && result.reason === 'not_found')
			return formFailure(form, m.groups_forbidden(), 403);
		if (!result.ok) return formFailure(form, m.groups_not_saved());
		return { saved: true };
	}
};
