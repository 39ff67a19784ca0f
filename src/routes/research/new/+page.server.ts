import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { signedIn } from '$lib/server/group-access';
import { formFailure, parse } from '$lib/server/forms/parse';
import * as research from '$lib/server/research';
import { arrays, schema, toInput, toValues } from '$lib/server/research-form';
import * as goals from '$lib/server/research-goals';
import { formOptions } from '$lib/server/research-options';
import { lookupDoi } from '$lib/server/research/lookup';
import { normalizeDoi } from '$lib/server/research/identifiers';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Adding a research record by hand, or by DOI: the lookup fills the form from OpenAlex or
// Crossref, and OpenAlex's SDG scores come along as suggestions for the researcher to decide on.

async function poster(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = signedIn(event);
	if (!(await research.canPost(event.locals.supabase, user)))
		error(403, m.research_post_not_allowed());
	return user;
}

export const load: PageServerLoad = async (event) => {
	await poster(event);
	return {
		title: m.research_new_title(),
		...(await formOptions(event.locals.supabase)),
		initial: toValues({})
	};
};

const suggestionList = z
	.string()
	.default('[]')
	.transform((v) => JSON.parse(v || '[]') as unknown)
	.pipe(
		z.array(
			z.object({
				goal: z.number().int().min(1).max(17),
				confidence: z.number().min(0).max(1),
				source: z.enum(['openalex', 'keywords']),
				reason: z.string().max(500)
			})
		)
	)
	.catch([]);

export const actions = {
	lookup: async (event) => {
		await poster(event);
		const form = await event.request.formData();
		const doi = normalizeDoi(String(form.get('lookup_doi') ?? ''));
		if (!doi) return formFailure(form, m.research_doi_invalid());
		const found = await lookupDoi(doi, { timeoutMs: 6000 });
		if (!found.ok) return { lookup: { ok: false as const, reason: found.reason, doi } };
		const existing = await research.existing(event.locals.supabase, [found.entry]);
		return {
			lookup: {
				ok: true as const,
				values: toValues({ ...found.entry, institutionId: null, visibility: 'public' }),
				suggestions: found.suggestions,
				duplicate: existing[0] ?? null
			}
		};
	},
	save: async (event) => {
		await poster(event);
		const form = await event.request.formData();
		const parsed = parse(schema, form, arrays);
		if (!parsed.ok) return parsed.failure;
		const saved = await research.save(event.locals.supabase, null, toInput(parsed.data));
		if (!saved.ok)
			return formFailure(
				form,
				saved.reason === 'duplicate_doi' ? m.research_doi_taken() : m.research_post_not_allowed()
			);
		const suggestions = suggestionList.parse(form.get('suggestions') ?? '[]');
		await goals.suggest(event.locals.supabase, saved.id, suggestions);
		redirect(303, `/research/${saved.id}`);
	}
} satisfies Actions;
