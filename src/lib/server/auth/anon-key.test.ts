import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { GET as config } from '../../../routes/api/config/+server.ts';
import { anonymous, restTargetFromEnv } from '../platform/supabase.ts';
import { useTestDatabase } from '../testing/world.ts';
import { ANON_KEY_SECONDS, currentAnonKey, mintAnonKey } from './jwt.ts';

// The anon key is public (GET /api/config) and carries an expiry; the app renews the one it
// hands out and uses before that expiry, and the bundled PostgREST refuses an expired one.

const DAY = 24 * 60 * 60 * 1000;
const db = useTestDatabase({ rest: true });

const secret = () => db.rest.jwtSecret;
const key = (jwt: string) => new TextEncoder().encode(jwt);

async function readSdgGoals(anonKey: string): Promise<number> {
	const response = await fetch(`${db.rest.url}/sdg_goals?select=number&limit=1`, {
		headers: { authorization: `Bearer ${anonKey}` }
	});
	return response.status;
}

describe('the anon key', () => {
	it('is a valid HS256 token for the anon role that expires in 30 days', async () => {
		const now = Date.now();
		const minted = mintAnonKey(secret(), now);
		const { payload } = await jwtVerify(minted, key(secret()), { algorithms: ['HS256'] });
		expect(payload).toMatchObject({ role: 'anon', iss: 'erfa' });
		expect(payload.exp! - payload.iat!).toBe(ANON_KEY_SECONDS);
		expect(payload.exp! * 1000).toBeGreaterThan(now + 29 * DAY);
		expect(await readSdgGoals(minted)).toBe(200);
	});

	it('is refused by PostgREST once expired', async () => {
		const old = mintAnonKey(secret(), Date.now() - ANON_KEY_SECONDS * 1000 - 60_000);
		expect(await readSdgGoals(old)).toBe(401);
	});

	it('is the same for half its life, then a new one, each valid at least 15 days on', () => {
		const start = Date.now();
		const first = currentAnonKey(secret(), start);
		expect(currentAnonKey(secret(), start + 14 * DAY)).toBe(first);
		const renewed = currentAnonKey(secret(), start + 15 * DAY + 1);
		expect(renewed).not.toBe(first);
		expect(decodeJwt(renewed).exp! * 1000).toBeGreaterThan(start + 44 * DAY);
		expect(decodeJwt(first).exp! * 1000).toBeGreaterThan(start + 15 * DAY);
		// The clock set back: a key issued "in the future" would be refused, so a new one.
		expect(currentAnonKey(secret(), start)).not.toBe(renewed);
	});

	it('handed out by /api/config has an expiry, and the anonymous client reads with it', async () => {
		const answer = await config({ url: new URL('http://erfa.test/api/config') } as never);
		const { anonKey } = (await answer.json()) as { anonKey: string };
		const { exp } = decodeJwt(anonKey);
		expect(exp! * 1000).toBeGreaterThan(Date.now() + 14 * DAY);
		expect(await readSdgGoals(anonKey)).toBe(200);
		const { error } = await anonymous(restTargetFromEnv())
			.from('sdg_goals')
			.select('number')
			.limit(1);
		expect(error).toBeNull();
	});
});
