import * as research from '$lib/server/research';
import { download, parseFormat, toEntry } from '$lib/server/research';
import type { RequestHandler } from './$types';

// The list as filtered on /research (up to 500 records), as one file.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const format = parseFormat(params.format);
	const filters = research.filtersFrom(url.searchParams);
	const records = await research.forExport(locals.supabase, filters, 500);
	return download(records.map(toEntry), format, 'erfa-forskning');
};
