import { describe, expect, it } from 'vitest';
import svelteConfig from '../../../../svelte.config.js';
import { withOwnWebsocket } from './csp.ts';

const policy =
	"default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self'; frame-ancestors 'none'";

describe('connect-src for the collaboration socket', () => {
	it('allows no websocket host in the static configuration', () => {
		const directives = svelteConfig.kit?.csp?.directives ?? {};
		expect(directives['connect-src']).toEqual(['self']);
	});

	it("adds the page's own host, as ws: on http and wss: on https", () => {
		expect(withOwnWebsocket(policy, new URL('https://erfa.example/docs/1'))).toBe(
			"default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self' wss://erfa.example; frame-ancestors 'none'"
		);
		expect(withOwnWebsocket(policy, new URL('http://127.0.0.1:3000/'))).toContain(
			"connect-src 'self' ws://127.0.0.1:3000;"
		);
		expect(withOwnWebsocket(policy, new URL('http://[::1]:3000/'))).toContain(
			"connect-src 'self' ws://[::1]:3000;"
		);
	});

	it('writes in nothing from a host that is not a plain name', () => {
		expect(withOwnWebsocket(policy, new URL('http://a;script-src*/'))).toBe(policy);
	});

	it('leaves a policy without connect-src alone', () => {
		expect(withOwnWebsocket("default-src 'self'", new URL('https://erfa.example/'))).toBe(
			"default-src 'self'"
		);
	});
});
