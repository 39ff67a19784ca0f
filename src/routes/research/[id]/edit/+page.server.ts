import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formFailure, parse } from '$lib/server/forms';
import { signedIn } from '$lib/server/groups';
import * as research from '$lib/server/research';
import { arrays, schema, toInput, toValues, formOptions } from '$lib/server/research';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function editable(event: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const user = signedIn(event);
	const record = await research.get(event.locals.supabase, event.params.id ?? '');
	if (!record) error(404, m.research_not_found());
	if (record.createdBy !== user.id && user.role !== 'admin') error(403, m.research_not_allowed());
	return record;
}

export const load: PageServerLoad = async (event) => {
	const record = await editable(event);
	const confirmed = record.sdg.filter((s) => s.status === 'confirmed');
	return {
		title: m.research_edit_title({ title: record.title }),
		id: record.id,
		...(await formOptions(event.locals.supabase)),
		initial: toValues({
			title: record.title,
			year: record.year,
			type: record.type,
			language: record.language,
			doi: record.doi,
			url: record.url,
			openAccessUrl: record.openAccessUrl,
			keywords: record.keywords,
			abstract: record.abstract,
			visibility: record.visibility,
			authors: record.authorList,
			institutionId: record.institution?.id ?? null,
			goals: [...new Set(confirmed.map((s) => s.goal))],
			targets: confirmed.flatMap((s) => (s.target ? [s.target] : []))
		})
	};
};

export const actions = {
	save: async (event) => {
		const record = await editable(event);
		const form = await event.request.formData();
		const parsed = parse(schema, form, arrays);
		if (!parsed.ok) return parsed.failure;
		const saved = await research.save(event.locals.supabase, record.id, toInput(parsed.data));
		if (!saved.ok)
			return formFailure(
				form,
				saved.reason === 'duplicate_doi' ? m.research_doi_taken() : m.research_not_allowed()
			);
		redirect(303, `/research/${record.id}`);
	}
} satisfies Actions;
