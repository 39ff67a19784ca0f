// PostgREST answers 500 to a query string or form body whose percent-escapes decode to invalid
// UTF-8, and to a CSV body that is not UTF-8; it reads a malformed escape (`%zz`) as text. All
// of that is the caller's mistake, so the proxy refuses it with 400 before PostgREST sees it.

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

// Bodies PostgREST reads as text. Others (application/octet-stream for a bytea argument) are
// bytes, passed on as they are.
const textual = /^(text\/|application\/(x-www-form-urlencoded|([\w.+-]+\+)?json)\b)/i;

/** Whether a body of this content type is the text PostgREST expects. */
export function decodableBody(contentType: string | null, body: ArrayBuffer): boolean {
	if (body.byteLength === 0 || !contentType || !textual.test(contentType)) return true;
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		return false;
	}
	return !/^application\/x-www-form-urlencoded/i.test(contentType) || decodableQuery(text);
}

/** The 400 answer, shaped like PostgREST's own errors so clients handle it the same way. */
export function badInput(where: 'query string' | 'body'): Response {
	const body = {
		code: 'ERFA400',
		details: 'Text must be UTF-8, and every %XX escape two hex digits that decode to UTF-8.',
		hint: null,
		message: `The ${where} is not valid UTF-8 text.`
	};
	return Response.json(body, { status: 400, headers: { 'cache-control': 'no-store' } });
}
