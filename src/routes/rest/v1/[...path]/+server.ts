import { restTargetFromEnv, restFetch } from '$lib/server/platform';
import { badInput, decodableBody, decodableQuery } from './input';
import type { RequestHandler } from './$types';

// The public REST API: a transparent pass-through to PostgREST (bundled, or the hosted
// Supabase project's). Only the headers PostgREST understands travel; cookies never do, so a
// browser's session cannot be used from here: callers authenticate with a JWT.

const forwardRequest = [
	'accept',
	'accept-profile',
	'apikey',
	'authorization',
	'content-profile',
	'content-type',
	'prefer',
	'range',
	'range-unit'
];
const forwardResponse = [
	'content-type',
	'content-range',
	'content-location',
	'location',
	'preference-applied',
	'range-unit'
];

const proxy: RequestHandler = async ({ request, params, url }) => {
	if (!decodableQuery(url.search)) return badInput('query string');
	const hasBody = !['GET', 'HEAD'].includes(request.method);
	const body = hasBody ? await request.arrayBuffer() : undefined;
	if (body && !decodableBody(request.headers.get('content-type'), body)) return badInput('body');
	const target = restTargetFromEnv();
	const headers = new Headers();
	for (const name of forwardRequest) {
		const value = request.headers.get(name);
		if (value) headers.set(name, value);
	}
	if (!headers.has('apikey')) headers.set('apikey', target.anonKey);
	const upstream = await restFetch(target)(`${target.url}/rest/v1/${params.path}${url.search}`, {
		method: request.method,
		headers,
		body,
		signal: AbortSignal.timeout(30_000)
	});
	const out = new Headers({ 'cache-control': 'no-store' });
	for (const name of forwardResponse) {
		const value = upstream.headers.get(name);
		if (value) out.set(name, value);
	}
	return new Response(upstream.body, { status: upstream.status, headers: out });
};

export const GET = proxy;
export const HEAD = proxy;
export const POST = proxy;
export const PATCH = proxy;
export const PUT = proxy;
export const DELETE = proxy;
