import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as research from '$lib/server/research';
import { download, parseFormat, toEntry } from '$lib/server/research';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const format = parseFormat(params.format);
	const record = await research.get(locals.supabase, params.id);
	if (!record) error(404, m.research_not_found());
	return download([toEntry(record)], format, record.doi ?? record.title);
};
