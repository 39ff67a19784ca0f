import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as agenda from '$lib/server/agenda2030';
import type { PageServerLoad } from './$types';

// The 17 goals with how much in Erfa is linked to each, as far as the visitor may see (signed
// out: public documents and research only).
export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.supabase;
	const [goals, counts] = await Promise.all([agenda.goals(db, getLocale()), agenda.counts(db)]);
	const none = { groups: 0, experiences: 0, documents: 0, research: 0 };
	return {
		title: m.agenda_title(),
		signedIn: locals.user !== null,
		goals: goals.map((goal) => ({
			...goal,
			counts: counts.find((c) => c.goal === goal.number) ?? { goal: goal.number, ...none }
		}))
	};
};
