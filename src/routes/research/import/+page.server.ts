import * as agenda2030 from '$lib/server/agenda2030';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { fields } from '$lib/server/forms';
import { signedIn } from '$lib/server/groups';

import * as research from '$lib/server/research';
import { importer } from '$lib/server/research';
import { parseErrorMessage, problemMessage } from './messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Import research from a BibTeX, RIS or CSL-JSON file: upload → preview → confirm.

async function poster(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = signedIn(event);
	if (!(await research.canPost(event.locals.supabase, user)))
		error(403, m.research_post_not_allowed());
	return user;
}

export const load: PageServerLoad = async (event) => {
	await poster(event);
	return {
		title: m.research_import_title(),
		goals: await agenda2030.goals(event.locals.supabase, getLocale())
	};
};

const goal = z.coerce.number().int().min(1).max(17);
const confirmSchema = z.object({
	text: fields
		.string()
		.min(1)
		.max(3 * 1024 * 1024),
	pick: z.array(z.coerce.number().int().min(0).max(499)).max(500),
	sdg: z.array(goal).max(17),
	visibility: z.enum(['public', 'members']).catch('public')
});

export const actions = {
	preview: async (event) => {
		await poster(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { message: m.research_import_choose_file() });
		if (file.size > 2 * 1024 * 1024)
			return fail(400, {
				message: parseErrorMessage({ code: 'too_large', line: null })
			});
		const result = await importer.preview(
			event.locals.supabase,
			new Uint8Array(await file.arrayBuffer()),
			file.name
		);
		if (!result.ok)
			return fail(400, { message: parseErrorMessage(result.error), filename: file.name });
		return {
			preview: {
				filename: file.name,
				format: result.format,
				text: result.text,
				entries: result.entries.map((p) => ({
					index: p.index,
					line: p.line,
					title: p.entry.title,
					authors: p.entry.authors.map((a) => a.name),
					year: p.entry.year,
					doi: p.entry.doi,
					type: p.entry.type,
					problems: p.problems.map(problemMessage),
					suggested: p.suggested,
					blocked: p.blocked
				}))
			}
		};
	},
	confirm: async (event) => {
		await poster(event);
		const form = await event.request.formData();
		const raw = {
			text: form.get('text'),
			pick: form.getAll('pick'),
			sdg: form.getAll('sdg'),
			visibility: form.get('visibility')
		};
		const parsed = confirmSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { message: m.research_import_nothing() });
		if (parsed.data.pick.length === 0) return fail(400, { message: m.research_import_nothing() });
		const perEntry = new Map<number, number[]>();
		for (const index of parsed.data.pick) {
			const extra = form
				.getAll(`goal_${index}`)
				.map(Number)
				.filter((n) => Number.isInteger(n) && n >= 1 && n <= 17);
			if (extra.length) perEntry.set(index, extra);
		}
		const imported = await importer.confirm(event.locals.supabase, parsed.data.text, {
			picked: parsed.data.pick,
			goals: parsed.data.sdg,
			perEntry,
			visibility: parsed.data.visibility
		});
		if (!imported) return fail(400, { message: m.research_import_nothing() });
		return { imported };
	}
} satisfies Actions;
