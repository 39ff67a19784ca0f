import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { signedIn } from '$lib/server/groups';
import { cleanJson, formFailure, parse } from '$lib/server/forms';
import * as research from '$lib/server/research';
import {
	arrays,
	schema,
	toInput,
	toValues,
	goals,
	formOptions,
	lookupDoi,
	normalizeDoi
} from '$lib/server/research';
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

// The lookup's suggestions travel in a hidden field as JSON: whatever arrives there is parsed
// defensively (not JSON, or not suggestions, is no suggestions) and its text cleaned.
const suggestionList = z
	.string()
	.default('[]')
	.transform((v) => {
		try {
			return cleanJson(JSON.parse(v || '[]'));
		} catch {
			return [];
		}
	})
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
		const institutions = await research.institutionIds(event.locals.supabase, [
			found.entry.institution
		]);
		const institutionId =
			institutions.get(research.foldName(found.entry.institution ?? '')) ?? null;
		return {
			lookup: {
				ok: true as const,
				values: toValues({ ...found.entry, institutionId, visibility: 'public' }),
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
		const suggestions = suggestionList.parse(form.get('suggestions') ?? '[]');
		const saved = await research.save(event.locals.supabase, null, toInput(parsed.data));
		if (!saved.ok)
			return formFailure(
				form,
				saved.reason === 'duplicate_doi' ? m.research_doi_taken() : m.research_post_not_allowed()
			);
		await goals.suggest(event.locals.supabase, saved.id, suggestions);
		redirect(303, `/research/${saved.id}`);
	}
} satisfies Actions;
