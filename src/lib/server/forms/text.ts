// Text from outside (form fields, JSON bodies, query strings, file names and contents) is
// normalised once, where it enters, before anything validates or stores it. PostgreSQL cannot
// store NUL in text and refuses lone UTF-16 surrogates in JSON ("unsupported Unicode escape
// sequence"): both used to reach the database and come back as 500s. The other C0 control
// characters are invisible and only ever arrive by accident or on purpose, so they go too.
// NFC makes "å" typed on different systems compare, search and count (length limits) alike.
// Pure and dependency-free, so plain-Node modules can import it by its relative path.

// Tab, line feed and carriage return are text; the rest of C0 is not.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** `value` without control characters or lone surrogates (each becomes U+FFFD), in NFC. */
export function cleanText(value: string): string {
	return value.toWellFormed().replace(controls, '').normalize('NFC');
}

/** Deeper than any body Erfa reads; deeper still would only exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

class TooDeep extends Error {}

function clean(value: unknown, depth: number): unknown {
	if (typeof value === 'string') return cleanText(value);
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_JSON_DEPTH) throw new TooDeep();
	if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
	return Object.fromEntries(
		Object.entries(value).map(([k, v]) => [cleanText(k), clean(v, depth + 1)])
	);
}

/**
 * Every string in a parsed JSON value (object keys too) through cleanText; `undefined` when it
 * nests deeper than MAX_JSON_DEPTH, which callers refuse like any other malformed body.
 */
export function cleanJson(value: unknown): unknown {
	try {
		return clean(value, 0);
	} catch (e) {
		if (e instanceof TooDeep) return undefined;
		throw e;
	}
}

/** A request's JSON body with its text cleaned; `undefined` when it is not JSON or too deep. */
export async function readJsonBody(request: Request): Promise<unknown> {
	const raw: unknown = await request.json().catch(() => undefined);
	return cleanJson(raw);
}

/** Every value of a query string through cleanText, names kept (they are compared, not stored). */
export function cleanParams(params: URLSearchParams): URLSearchParams {
	return new URLSearchParams([...params].map(([name, value]) => [name, cleanText(value)]));
}
