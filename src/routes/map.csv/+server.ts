import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as map from '$lib/server/map';
import type { RequestHandler } from './$types';

// The knowledge map as CSV for Excel (see map.csv()): everything added up, or one kind of item
// with ?type=experiences|documents|research. Counted as the caller may see it.
export const GET: RequestHandler = async ({ locals, url }) => {
	const measure = z
		.enum(map.measures)
		.catch('total')
		.parse(url.searchParams.get('type') ?? 'total');
	const visibility = await map.visibilityOf(locals.supabase, locals.user);
	const text = map.csv(await map.matrix(locals.supabase, visibility), measure, {
		organization: m.map_csv_place(),
		county: m.map_csv_county(),
		goal: (number) => m.map_csv_goal({ number }),
		total: m.map_csv_total()
	});
	const name = `${m.map_csv_filename()}${measure === 'total' ? '' : `-${measure}`}.csv`;
	return new Response(text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
