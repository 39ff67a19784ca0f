import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as academy from '$lib/server/academy';
import { requireAdmin } from '$lib/server/admin';
import { formFailure, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// Administrators' view of Bergslagsakademin: applications to decide, the year's participation
// record (representatives, contributions, settled or not), the year's theme with its decision,
// and the expressions of interest from companies and universities.

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = event.locals.supabase;
	const current = new Date().getFullYear();
	const asked = Number(event.url.searchParams.get('year'));
	const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : current;
	const [themes, records, pending, interest] = await Promise.all([
		academy.themes.list(db),
		academy.participants.records(db, year),
		academy.applications.pending(db),
		academy.interest.list(db)
	]);
	return {
		title: m.academy_admin_title(),
		year,
		years: academy.participants.years(themes, current),
		theme: themes.find((t) => t.year === year) ?? null,
		records,
		pending,
		interest
	};
};

export const actions = {
	approve: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(academy.form.approve, form);
		if (!parsed.ok) return parsed.failure;
		const done = await academy.applications.approve(
			event.locals.supabase,
			parsed.data.id,
			parsed.data.amount
		);
		if (!done.ok) return formFailure(form, m.academy_admin_not_pending(), 409);
		return { decided: 'approved' as const };
	},
	decline: async (event) => {
		const admin = requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(academy.form.decide, form);
		if (!parsed.ok) return parsed.failure;
		const done = await academy.applications.decline(
			event.locals.supabase,
			admin.id,
			parsed.data.id
		);
		if (!done) return formFailure(form, m.academy_admin_not_pending(), 409);
		return { decided: 'declined' as const };
	},
	settle: async (event) => {
		requireAdmin(event);
		const parsed = parse(academy.form.settle, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const { id, settled } = parsed.data;
		if (!(await academy.participants.setSettled(event.locals.supabase, id, settled === 'yes'))) {
			return fail(404, { message: m.error_not_found() });
		}
		return { settled: true };
	},
	theme: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(academy.form.theme, form);
		if (!parsed.ok) return parsed.failure;
		const t = parsed.data;
		const saved = await academy.themes.save(event.locals.supabase, {
			year: t.year,
			titleSv: t.title_sv,
			titleEn: t.title_en,
			descriptionSv: t.description_sv,
			descriptionEn: t.description_en,
			decidedOn: t.decided_on,
			decidedBy: t.decided_by
		});
		if (!saved) return formFailure(form, m.error_forbidden(), 403);
		return { themeSaved: true };
	}
} satisfies Actions;
