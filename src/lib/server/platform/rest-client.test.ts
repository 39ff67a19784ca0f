import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRequest } from './rest-client.ts';

// restRequest stands in for fetch between supabase-js and PostgREST: what it sends and what it
// hands back must be what fetch would, for the requests supabase-js makes. A small server
// records each request and answers as PostgREST does (JSON, Content-Range, 204 without a body).

interface Seen {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}
let server: Server;
let origin: string;
const seen: Seen[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
			if (req.url === '/nothing') return res.writeHead(204).end();
			if (req.url === '/slow') return setTimeout(() => res.end('late'), 5_000);
			res.writeHead(req.url === '/refused' ? 400 : 200, {
				'content-type': 'application/json; charset=utf-8',
				'content-range': '0-0/7',
				'set-cookie': ['a=1', 'b=2']
			});
			res.end(JSON.stringify({ echoed: body, where: 'Hällefors' }));
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((done) => server.close(() => done()));
});

describe('restRequest', () => {
	it('sends the method, headers and JSON body as given', async () => {
		const body = JSON.stringify({ q: 'inflyttning', filters: { goal: 8 } });
		const headers = {
			'Content-Type': 'application/json',
			Authorization: 'Bearer t',
			Prefer: 'count=exact'
		};
		const response = await restRequest(`${origin}/rpc/search?x=1`, {
			method: 'post',
			headers,
			body
		});
		const last = seen.at(-1)!;
		expect(last).toMatchObject({ method: 'POST', url: '/rpc/search?x=1', body });
		expect(last.headers).toMatchObject({ authorization: 'Bearer t', prefer: 'count=exact' });
		expect(await response.json()).toEqual({ echoed: body, where: 'Hällefors' });
	});

	it('hands back the status and headers supabase-js reads, repeated headers kept', async () => {
		const response = await restRequest(`${origin}/refused`);
		expect(response.ok).toBe(false);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-range')).toBe('0-0/7');
		expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' });
	});

	it('answers 204 with an empty body', async () => {
		const response = await restRequest(`${origin}/nothing`, { method: 'DELETE' });
		expect(response.status).toBe(204);
		expect(await response.text()).toBe('');
	});

	it('stops when its signal aborts', async () => {
		const signal = AbortSignal.timeout(50);
		await expect(restRequest(`${origin}/slow`, { signal })).rejects.toThrow();
	});

	it('sends bytes as given, as the REST proxy passes them on', async () => {
		const body = new TextEncoder().encode('{"name":"Ludvika"}');
		await restRequest(`${origin}/bytes`, { method: 'PATCH', body: body.buffer });
		await restRequest(`${origin}/view`, { method: 'POST', body: body.subarray(1, 7) });
		expect(seen.slice(-2).map((s) => [s.method, s.body])).toEqual([
			['PATCH', '{"name":"Ludvika"}'],
			['POST', '"name"']
		]);
	});

	it('refuses a body it cannot send whole', async () => {
		const body = new ReadableStream();
		await expect(restRequest(`${origin}/x`, { method: 'POST', body })).rejects.toThrow(
			/a string or bytes only/
		);
	});
});
