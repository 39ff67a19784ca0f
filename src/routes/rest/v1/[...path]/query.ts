// PostgREST answers 500 to a query string whose percent-escapes decode to invalid UTF-8, and
// silently reads a malformed escape (`%zz`) as text. Both are the caller's mistake, so the
// proxy refuses them with 400 before PostgREST sees them.

/** Whether every name and value in a raw query string (`url.search`) decodes to UTF-8 text. */
export function decodableQuery(search: string): boolean {
	for (const part of search.replace(/^\?/, '').split('&')) {
		try {
			decodeURIComponent(part.replaceAll('+', ' '));
		} catch {
			return false;
		}
	}
	return true;
}

/** The 400 answer, shaped like PostgREST's own errors so clients handle it the same way. */
export function badQuery(): Response {
	const body = {
		code: 'ERFA400',
		details: 'Every %XX escape must be two hex digits, and together they must be UTF-8.',
		hint: null,
		message: 'The query string is not valid percent-encoded UTF-8.'
	};
	return Response.json(body, { status: 400, headers: { 'cache-control': 'no-store' } });
}
