import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as agenda from '$lib/server/agenda2030';
import * as map from '$lib/server/map';

import type { PageServerLoad } from './$types';

// One cell of the knowledge map: what a municipality or region has linked to one goal, as far
// as the visitor may see it.
const SHOWN = 100;

export const load: PageServerLoad = async ({ locals, params }) => {
	const parsed = agenda.goalNumber.safeParse(params.goal);
	if (!parsed.success) error(404, m.map_cell_not_found());
	const db = locals.supabase;
	const [cell, goals] = await Promise.all([
		map.cell(db, params.slug, parsed.data),
		agenda.goals(db, getLocale())
	]);
	if (!cell) error(404, m.map_cell_not_found());
	const goal = goals.find((g) => g.number === cell.goal)!;
	const sections = map.itemKinds.map((kind) => ({
		kind,
		total: cell.items[kind].length,
		items: cell.items[kind].slice(0, SHOWN).map((item) => ({ ...item, href: map.itemHref(item) }))
	}));
	return {
		title: m.map_cell_title({ place: cell.organization.name, number: goal.number }),
		organization: cell.organization,
		goal,
		sections,
		signedIn: locals.user !== null
	};
};
