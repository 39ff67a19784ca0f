import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { POST } from './+server';

// The language switch is a plain form post; whatever else arrives, it answers with a redirect.

async function post(body: BodyInit, type?: string) {
	const url = new URL('http://erfa.test/language');
	const headers = type ? { 'content-type': type } : undefined;
	const request = new Request(url, { method: 'POST', body, headers });
	const set: string[] = [];
	const event = {
		request,
		url,
		locals: { user: null },
		cookies: { set: (n: string) => set.push(n) }
	};
	try {
		await POST(event as never);
	} catch (e) {
		if (isRedirect(e)) return { location: e.location, set };
		throw e;
	}
	throw new Error('no redirect');
}

describe('POST /language', () => {
	it('switches and goes back to the page it came from', async () => {
		const form = new URLSearchParams({ locale: 'en', returnTo: '/groups?sdg=8' });
		expect(await post(form)).toEqual({ location: '/groups?sdg=8', set: ['erfa_locale'] });
	});

	it('goes home from an address that cannot be a Location header or leaves the site', async () => {
		for (const returnTo of ['/€', '/a\u0000b', '//evil.test', 'https://evil.test/', '/a b']) {
			const form = new URLSearchParams({ locale: 'sv', returnTo });
			expect((await post(form)).location).toBe('/');
		}
	});

	it('does nothing for a body that is not a form', async () => {
		for (const [body, type] of [
			['{"locale":"en"}', 'application/json'],
			['--x\r\nbroken', 'multipart/form-data; boundary=x']
		]) {
			expect(await post(body!, type)).toEqual({ location: '/', set: [] });
		}
	});
});
