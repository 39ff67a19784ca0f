import { beforeAll, describe, expect, it } from 'vitest';
import { signUserToken } from '$lib/server/auth/jwt';
import { buildUser, useTestDatabase } from '$lib/server/testing/world';
import { DELETE, GET, PATCH, POST } from './+server';

// The public REST API as a client calls it: through our proxy to a real PostgREST. Whatever a
// client sends, the answer is PostgREST's data or a 4xx saying what was wrong, never a 500.

const db = useTestDatabase({ rest: true });
let userToken: string;

beforeAll(async () => {
	const user = await buildUser(db.sql, { name: 'Anna Lind' });
	userToken = await signUserToken(db.rest.jwtSecret, user.id);
});

type Handler = (event: never) => Response | Promise<Response>;

/** Text in ISO 8859-1 (one byte per letter), which is not UTF-8 once it has an å. */
const latin1 = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

async function call(
	handler: Handler,
	pathAndQuery: string,
	init: {
		method?: string;
		token?: string;
		body?: unknown;
		raw?: { type: string; body: string | Uint8Array<ArrayBuffer> };
	} = {}
) {
	const url = new URL(`http://erfa.test/rest/v1/${pathAndQuery}`);
	const token = init.token ?? db.rest.anonKey;
	const json = init.body === undefined ? undefined : JSON.stringify(init.body);
	const request = new Request(url, {
		method: init.method ?? 'GET',
		headers: {
			authorization: `Bearer ${token}`,
			'content-type': init.raw?.type ?? 'application/json'
		},
		body: init.raw?.body ?? json
	});
	const path = url.pathname.replace('/rest/v1/', '');
	const response = await handler({ request, url, params: { path } } as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('filters in the query string', () => {
	it.each([
		['invalid UTF-8', 'documents?title=eq.%C3%28'],
		['bytes that are no UTF-8 at all', 'documents?title=eq.%ff%fe'],
		['a lone surrogate, encoded', 'documents?title=eq.%ED%A0%80'],
		['a malformed escape', 'documents?title=eq.%zz'],
		['a cut-off escape', 'documents?title=eq.abc%E'],
		['a malformed parameter name', 'documents?ti%tle=eq.x']
	])('refuses %s with 400 before PostgREST', async (_, query) => {
		const answer = await call(GET, query);
		expect(answer.status).toBe(400);
		expect(answer.body.message).toBe('The query string is not valid UTF-8 text.');
	});

	it.each([
		['a form body with a broken escape', 'application/x-www-form-urlencoded', 'title=%C3%28'],
		['a form body in another encoding', 'application/x-www-form-urlencoded', latin1('title=å')],
		['CSV in another encoding', 'text/csv', latin1('title\nå')],
		['JSON in another encoding', 'application/json', latin1('{"title":"å"}')]
	])('refuses %s with 400 before PostgREST', async (_, type, body) => {
		for (const handler of [POST, PATCH]) {
			const answer = await call(handler, 'documents?id=eq.00000000-0000-4000-8000-000000000000', {
				method: handler === POST ? 'POST' : 'PATCH',
				raw: { type, body }
			});
			expect(answer.status).toBe(400);
			expect(answer.body.message).toBe('The body is not valid UTF-8 text.');
		}
	});

	it('passes well-formed filters on, in any language', async () => {
		const answer = await call(GET, 'documents?title=eq.%C3%A5r+och+dag&select=id');
		expect(answer).toEqual({ status: 200, body: [] });
	});
});

describe('the read-only views', () => {
	const writes = [
		['POST', POST, ''],
		['PATCH', PATCH, '?group_id=eq.00000000-0000-4000-8000-000000000000'],
		['DELETE', DELETE, '?group_id=eq.00000000-0000-4000-8000-000000000000']
	] as const;

	it.each(['group_participation', 'library_documents'])(
		'%s refuses every write with 401 signed out and 403 signed in',
		async (view) => {
			for (const [method, handler, filter] of writes) {
				const query = view === 'library_documents' ? filter.replace('group_id', 'id') : filter;
				const body = method === 'DELETE' ? undefined : { group_id: crypto.randomUUID() };
				const anonymous = await call(handler, `${view}${query}`, { method, body });
				const member = await call(handler, `${view}${query}`, {
					method,
					body,
					token: userToken
				});
				expect([method, anonymous.status, member.status]).toEqual([method, 401, 403]);
				expect(member.body.message).toBe(`permission denied for view ${view}`);
			}
		}
	);

	it('still reads', async () => {
		const answer = await call(GET, 'library_documents?select=id');
		expect(answer).toEqual({ status: 200, body: [] });
	});
});
