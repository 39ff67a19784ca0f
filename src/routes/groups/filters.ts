import type { Filters, Visibility } from '$lib/server/groups';

// The /groups filters live in the query string (a GET form), so they work without JavaScript,
// can be bookmarked and shared. Anything unexpected is ignored rather than refused.

export function readFilters(params: URLSearchParams): Required<Filters> {
	const theme = params.get('theme') ?? '';
	const sdg = Number(params.get('sdg'));
	const visibility = params.get('visibility');
	return {
		theme: /^[a-z0-9-]{1,80}$/.test(theme) ? theme : null,
		sdg: Number.isInteger(sdg) && sdg >= 1 && sdg <= 17 ? sdg : null,
		visibility:
			visibility === 'open' || visibility === 'closed' ? (visibility as Visibility) : null,
		mine: params.get('mine') === '1'
	};
}

export const anyFilter = (f: Required<Filters>) =>
	f.theme !== null || f.sdg !== null || f.visibility !== null || f.mine;
