/**
 * The link to `url` with some query parameters set (string) or removed (null), always dropping
 * `page` so a changed filter starts at the first page.
 */
export function hrefWith(url: URL, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(url.searchParams);
	params.delete('page');
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
	const query = params.toString();
	return query ? `${url.pathname}?${query}` : url.pathname;
}
