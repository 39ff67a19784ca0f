import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as academy from '$lib/server/academy';
import { throttle } from '$lib/server/auth';
import { fieldFailure, parse } from '$lib/server/forms';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// Bergslagsakademin's public page: purpose, the year's theme with its decision, who takes part
// this year, and the two ways in: an officer's application for their municipality and the
// interest form for companies and universities.

const thisYear = () => new Date().getFullYear();

export const load: PageServerLoad = async ({ locals }) => {
	const year = thisYear();
	const [themes, participants, organization, mine] = await Promise.all([
		academy.themes.list(locals.supabase),
		academy.participants.forYear(locals.supabase, year),
		academy.applications.eligibleOrganization(locals.supabase, locals.user?.organizationId ?? null),
		locals.user ? academy.applications.mine(locals.supabase, locals.user.id) : []
	]);
	// Earlier years: each theme with its decision and that year's participants.
	const earlier = await Promise.all(
		themes
			.filter((t) => t.year !== year)
			.slice(0, 10)
			.map(async (theme) => ({
				theme,
				participants: await academy.participants.forYear(locals.supabase, theme.year)
			}))
	);
	return {
		title: m.academy_title(),
		year,
		theme: themes.find((t) => t.year === year) ?? null,
		earlier,
		participants,
		signedIn: locals.user !== null,
		organization: organization ? { name: organization.name } : null,
		applications: mine
	};
};

export const actions = {
	apply: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login?returnTo=/bergslagsakademin');
		const form = await request.formData();
		const parsed = parse(academy.form.apply, form);
		if (!parsed.ok) return parsed.failure;
		const { year, representative_name, representative_email, message } = parsed.data;
		const applied = await academy.applications.apply(locals.supabase, locals.user, {
			year,
			representativeName: representative_name,
			representativeEmail: representative_email,
			message
		});
		if (applied.ok) return { applied: true };
		const said = {
			duplicate: () => m.academy_duplicate({ year }),
			participating: () => m.academy_participating({ year }),
			not_municipality: () => m.academy_apply_not_municipality()
		}[applied.reason];
		return fieldFailure(form, applied.reason === 'not_municipality' ? 'form' : 'year', said());
	},
	interest: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(academy.form.interest, form);
		if (!parsed.ok) return parsed.failure;
		const { ip } = clientOf(event);
		const verdict = await throttle.hitAll(sql(), [
			throttle.perIp('academy-interest', ip, throttle.limits.reportPerAddress)
		]);
		if (!verdict.allowed) return tooManyAttempts(event, form, verdict.retryAfterSeconds);
		await academy.interest.submit(sql(), parsed.data);
		return { interested: true };
	}
} satisfies Actions;
