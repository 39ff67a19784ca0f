// Addresses of the results page with one parameter changed (null: removed). Any change but the
// page number's starts again on page 1.

export function searchHref(
	current: URLSearchParams,
	changes: Record<string, string | null>
): string {
	const params = new URLSearchParams(current);
	params.delete('page');
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
	return `/search?${params}`;
}

/** The results page for a query alone, keeping only how it is sorted. */
export function queryHref(q: string, sort: string | null = null): string {
	return searchHref(new URLSearchParams(), { q, sort });
}
