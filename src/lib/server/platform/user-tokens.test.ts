import { describe, expect, it } from 'vitest';
import { keptTokens, MAX_TOKENS, REUSE_MS, tokenFor, type RestTarget } from './supabase.ts';

// The signed tokens kept per person (supabase.ts) must not grow with the number of people who
// ever signed in: the soak (bench/soak) checks the heap does not grow with time, this the bound.

const target: RestTarget = { url: 'http://rest.test', anonKey: 'anon', jwtSecret: 's'.repeat(40) };
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the tokens kept for signed-in people', () => {
	it('are reused for a while, and dropped once expired as soon as another is stored', async () => {
		const t0 = 1_000_000;
		const first = await tokenFor(target, person(1), t0);
		await tokenFor(target, person(2), t0);
		expect(await tokenFor(target, person(1), t0 + REUSE_MS - 1)).toBe(first);
		expect(keptTokens()).toBe(2);

		const later = t0 + REUSE_MS + 1;
		await tokenFor(target, person(3), later);
		expect(keptTokens()).toBe(1);
	});

	it('are at most MAX_TOKENS, however many people sign in at once', async () => {
		const now = 2_000_000;
		const all = Array.from({ length: MAX_TOKENS + 50 }, (_, n) => person(100 + n));
		await Promise.all(all.map((id) => tokenFor(target, id, now)));
		expect(keptTokens()).toBe(MAX_TOKENS);
	});
});
