import { Agent, request } from 'undici';

// supabase-js's calls to the bundled PostgREST, without the WHATWG fetch machinery (issue 17).
// Node's fetch sends every request body through an async iterator of a web stream: the head
// and the body go out in separate writes, each a system call, and the body passes through a
// ReadableStream on the way. A page's RPC calls are all POSTs with small JSON bodies; in a CPU
// profile of the search page these writes alone were ~8 % of the node process's busy time.
// undici's own request() (the library behind Node's fetch) writes the head and a string body
// together and hands back the response's bytes, which become the Response supabase-js reads.

// Infrastructure singleton: one keep-alive connection pool to PostgREST for the process.
const agent = new Agent({ keepAliveTimeout: 30_000 });

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS';

/** Statuses whose Response may carry no body (the Response constructor refuses one). */
const bodiless = new Set([101, 204, 205, 304]);

function headersOf(init: RequestInit | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	new Headers(init?.headers).forEach((value, key) => (out[key] = value));
	return out;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
	const headers = new Headers();
	for (const [key, value] of Object.entries(raw)) {
		if (Array.isArray(value)) for (const v of value) headers.append(key, v);
		else if (value !== undefined) headers.append(key, value);
	}
	return headers;
}

/** A body sent whole: supabase-js sends strings, the REST proxy (routes/rest/v1) bytes. */
function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
	if (body == null) return undefined;
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (ArrayBuffer.isView(body))
		return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
	throw new TypeError('restRequest sends a string or bytes only');
}

/**
 * A fetch for bodies given whole (a string or bytes), as Erfa's calls to PostgREST make them.
 * Unlike fetch it resolves once the whole response has arrived: PostgREST's answers are whole
 * JSON documents, which every caller reads at once anyway.
 */
export async function restRequest(url: string, init?: RequestInit): Promise<Response> {
	const answer = await request(url, {
		dispatcher: agent,
		method: (init?.method ?? 'GET').toUpperCase() as Method,
		headers: headersOf(init),
		body: bodyOf(init?.body),
		signal: init?.signal ?? undefined
	});
	const bytes = await answer.body.arrayBuffer();
	return new Response(bodiless.has(answer.statusCode) ? null : bytes, {
		status: answer.statusCode,
		headers: responseHeaders(answer.headers)
	});
}
