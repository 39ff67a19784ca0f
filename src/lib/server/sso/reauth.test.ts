import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sso from './index.ts';
import { recentAuth } from '../auth/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { buildUser, useTestDatabase } from '../testing/world.ts';
import { authorize } from './testing/browser.ts';
import { startTestProvider, type TestProvider } from './testing/provider.ts';

// Re-authentication of a password-less account by a fresh sign-in at its provider, against
// the real (local) oidc-provider: prompt=login and max_age=0 are sent, auth_time is checked,
// and only the session that asked, for the person linked to the subject, counts as fresh.

process.env.ERFA_ENCRYPTION_KEY = 'test-encryption-key-of-at-least-32-characters';
process.env.ERFA_SSO_ALLOW_HTTP_LOOPBACK = '1';

const db = useTestDatabase();
const REDIRECT = 'https://erfa.example/login/sso/callback';
let idp: TestProvider;
let providerId: string;

beforeAll(async () => {
	idp = await startTestProvider({
		clientId: 'erfa',
		clientSecret: 'reauth-client-secret',
		redirectUris: [REDIRECT]
	});
	const [org] = await db.sql`select id from public.organizations where slug = 'avesta'`;
	const saved = await sso.providers.save(db.sql, {
		organizationId: org!.id,
		issuer: idp.issuer,
		clientId: idp.clientId,
		clientSecret: idp.clientSecret,
		domains: ['avesta.test']
	});
	if (!saved.ok) throw new Error(saved.reason);
	providerId = saved.id;
});

afterAll(async () => {
	await idp?.stop();
});

/** A password-less account made through the provider, with a session that is no longer fresh. */
async function providerAccount(sub: string) {
	idp.accounts.set(sub, { sub, email: `${sub}@avesta.test`, email_verified: true, name: sub });
	const started = await sso.start(db.sql, providerId, REDIRECT, '/');
	const result = await sso.finish(db.sql, started!.token, await authorize(started!.url, sub), {
		redirectUri: REDIRECT,
		userAgent: 'vitest'
	});
	if (result.kind !== 'signed_in') throw new Error(result.kind);
	const sessionId = hashToken(result.token);
	await db.sql`update erfa_private.sessions set authenticated_at = now() - interval '1 hour'
		where id = ${sessionId}`;
	return { userId: result.userId, sessionId };
}

type Options = Parameters<typeof sso.finish>[4];

async function reauth(
	who: { userId: string; sessionId: string },
	as: string,
	arrivedWith = who.sessionId,
	options: Options = {}
) {
	const started = await sso.start(db.sql, providerId, REDIRECT, '/admin/users', {}, who);
	const callback = await authorize(started!.url, as);
	const at = { redirectUri: REDIRECT, userAgent: 'vitest', sessionId: arrivedWith };
	return {
		started: started!,
		result: await sso.finish(db.sql, started!.token, callback, at, options)
	};
}

const fresh = (sessionId: string) => recentAuth.isRecent(db.sql, sessionId);

describe('re-authentication at the provider', () => {
	it('asks the provider for a new sign-in and marks the session fresh', async () => {
		const who = await providerAccount('reauth-ok');
		expect(await sso.reauthProvider(db.sql, who.userId, who.sessionId)).toMatchObject({
			id: providerId,
			name: 'Avesta kommun'
		});
		expect(await fresh(who.sessionId)).toBe(false);
		const { started, result } = await reauth(who, 'reauth-ok');
		expect(started.url.searchParams.get('prompt')).toBe('login');
		expect(started.url.searchParams.get('max_age')).toBe('0');
		expect(result).toMatchObject({
			kind: 'reauthenticated',
			userId: who.userId,
			purpose: 'reauth',
			returnTo: '/admin/users'
		});
		expect(await fresh(who.sessionId)).toBe(true);
		// The flow is used once: the same callback again finds nothing.
		const again = await sso.finish(db.sql, started.token, new URL(REDIRECT), {
			redirectUri: REDIRECT,
			userAgent: 'vitest',
			sessionId: who.sessionId
		});
		expect(again).toMatchObject({ kind: 'refused', reason: 'expired' });
	});

	it('refuses a sign-in as someone else, and for another session', async () => {
		const who = await providerAccount('reauth-me');
		await providerAccount('reauth-other');
		expect((await reauth(who, 'reauth-other')).result).toMatchObject({
			kind: 'refused',
			reason: 'reauth_other_account'
		});
		const elsewhere = hashToken('another-session');
		expect((await reauth(who, 'reauth-me', elsewhere)).result).toMatchObject({
			kind: 'refused',
			reason: 'reauth_session'
		});
		expect(await fresh(who.sessionId)).toBe(false);
	});

	it('refuses an ID token whose auth_time is older than the request', async () => {
		const who = await providerAccount('reauth-stale');
		const aged = (seconds: number): Options => ({
			fetch: async (url, init) => {
				const res = await fetch(url, init as RequestInit);
				if (!url.endsWith('/token')) return res;
				const json = await res.json();
				const claims = decodeJwt(json.id_token);
				json.id_token = await new SignJWT({
					...claims,
					auth_time: Number(claims.auth_time) - seconds
				})
					.setProtectedHeader({ alg: 'RS256', kid: idp.kid })
					.sign(idp.privateKey);
				return Response.json(json, { status: res.status });
			}
		});
		// Within the library's clock tolerance, but from before this re-authentication began:
		// a provider that reused its session instead of asking again.
		expect((await reauth(who, 'reauth-stale', who.sessionId, aged(20))).result).toMatchObject({
			kind: 'refused',
			reason: 'reauth_not_fresh'
		});
		// An hour old: openid-client's max_age check refuses it already.
		expect((await reauth(who, 'reauth-stale', who.sessionId, aged(3600))).result).toMatchObject({
			kind: 'refused',
			reason: 'failed'
		});
		expect(await fresh(who.sessionId)).toBe(false);
	});

	it('is not offered to an account that has a password', async () => {
		const anna = await buildUser(db.sql, { email: 'anna.reauth@avesta.test' });
		const session = hashToken('anna-session');
		expect(await sso.reauthProvider(db.sql, anna.id, session)).toBeNull();
	});
});
