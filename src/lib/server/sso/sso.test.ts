import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sso from './index.ts';
import { sessions } from '../auth/index.ts';
import { anonymous, forUser } from '../platform/supabase.ts';
import { buildUser, useTestDatabase } from '../testing/world.ts';
import { authorize } from './testing/browser.ts';
import { startTestProvider, type TestProvider } from './testing/provider.ts';

process.env.ERFA_ENCRYPTION_KEY = 'test-encryption-key-of-at-least-32-characters';
process.env.ERFA_SSO_ALLOW_HTTP_LOOPBACK = '1';

const db = useTestDatabase({ rest: true });
const REDIRECT = 'https://erfa.example/login/sso/callback';
const AT = { redirectUri: REDIRECT, userAgent: 'vitest' };
let idp: TestProvider;
let providerId: string;

const org = async (slug: string) =>
	(await db.sql`select id from public.organizations where slug = ${slug}`)[0]!.id as string;

beforeAll(async () => {
	idp = await startTestProvider({
		clientId: 'erfa',
		clientSecret: 'a-client-secret-nobody-may-read',
		redirectUris: [REDIRECT],
		postLogoutRedirectUris: ['https://erfa.example/login']
	});
	const saved = await sso.providers.save(db.sql, {
		organizationId: await org('avesta'),
		issuer: idp.issuer,
		clientId: idp.clientId,
		clientSecret: idp.clientSecret,
		domains: ['avesta.test']
	});
	if (!saved.ok) throw new Error(saved.reason);
	providerId = saved.id;
	// Another organization's provider serves ludvika.test; it is never contacted here.
	await sso.providers.save(db.sql, {
		organizationId: await org('ludvika'),
		issuer: 'https://idp.ludvika.example',
		clientId: 'erfa',
		clientSecret: 'other',
		domains: ['ludvika.test']
	});
});

afterAll(async () => {
	await idp?.stop();
});

type Options = Parameters<typeof sso.finish>[4];

/** Signs in at the provider as `sub` and returns what Erfa's callback makes of it. */
async function signInAs(sub: string, options: Options = {}, tweak = (url: URL) => url) {
	const started = await sso.start(db.sql, providerId, REDIRECT, '/groups');
	const callback = await authorize(started!.url, sub);
	return sso.finish(db.sql, started!.token, tweak(callback), AT, options);
}

function account(sub: string, email: string, verified = true) {
	idp.accounts.set(sub, { sub, email, email_verified: verified, name: `Namn ${sub}` });
}

/** A fetch that lets the test rewrite the ID token the provider's token endpoint returns. */
function rewritingIdToken(rewrite: (token: string) => Promise<string>): Options {
	return {
		fetch: async (url, init) => {
			const res = await fetch(url, init as RequestInit);
			if (!url.endsWith('/token')) return res;
			const json = await res.json();
			json.id_token = await rewrite(json.id_token);
			return Response.json(json, { status: res.status });
		}
	};
}

const resign = (claims: Record<string, unknown>) =>
	new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: idp.kid }).sign(idp.privateKey);

describe('first and later sign-ins', () => {
	it('creates a password-less account in the provider organization, then signs in to it', async () => {
		account('new-1', 'Ny.Person@avesta.test');
		const first = await signInAs('new-1');
		expect(first).toMatchObject({ kind: 'signed_in', created: true, returnTo: '/groups' });
		if (first.kind !== 'signed_in') return;
		const [row] = await db.sql`select p.name, o.slug, a.email, a.email_verified_at,
				(select count(*)::int from erfa_private.credentials c where c.user_id = p.id) as passwords
			from public.profiles p join public.accounts a on a.user_id = p.id
			join public.organizations o on o.id = p.organization_id where p.id = ${first.userId}`;
		expect(row).toMatchObject({
			name: 'Namn new-1',
			slug: 'avesta',
			email: 'ny.person@avesta.test'
		});
		expect(row!.email_verified_at).not.toBeNull();
		expect(row!.passwords).toBe(0);
		expect((await sessions.validate(db.sql, first.token))?.user.id).toBe(first.userId);
		const again = await signInAs('new-1');
		expect(again).toMatchObject({ kind: 'signed_in', created: false, userId: first.userId });
	});

	it('offers the provider sign-out for a session that came from it', async () => {
		account('new-2', 'andra@avesta.test');
		const result = await signInAs('new-2');
		if (result.kind !== 'signed_in') throw new Error(result.kind);
		const { hashToken } = await import('../auth/tokens.ts');
		const ended = await sso.endSession(
			db.sql,
			hashToken(result.token),
			'https://erfa.example/login'
		);
		expect(ended?.name).toBe('Avesta kommun');
		expect(ended?.url).toContain(`${idp.issuer}/session/end`);
		expect(ended?.url).toContain('id_token_hint=');
	});
});

describe('refused sign-ins', () => {
	it('refuses a callback whose state is not the one sent', async () => {
		account('state-1', 'state@avesta.test');
		const result = await signInAs('state-1', {}, (url) => {
			url.searchParams.set('state', 'forged-state');
			return url;
		});
		expect(result).toMatchObject({ kind: 'refused', reason: 'failed' });
	});

	it('refuses a replayed code, in the same flow and in a new one', async () => {
		account('replay-1', 'replay@avesta.test');
		const started = await sso.start(db.sql, providerId, REDIRECT, '/');
		const callback = await authorize(started!.url, 'replay-1');
		const first = await sso.finish(db.sql, started!.token, callback, AT);
		expect(first.kind).toBe('signed_in');
		const same = await sso.finish(db.sql, started!.token, callback, AT);
		expect(same).toMatchObject({ kind: 'refused', reason: 'expired' });
		const fresh = await sso.start(db.sql, providerId, REDIRECT, '/');
		const replayed = new URL(callback);
		replayed.searchParams.set('state', fresh!.url.searchParams.get('state')!);
		const second = await sso.finish(db.sql, fresh!.token, replayed, AT);
		expect(second).toMatchObject({ kind: 'refused', reason: 'failed' });
	});

	it('refuses an expired ID token, a tampered one and one from an unknown issuer', async () => {
		account('token-1', 'token@avesta.test');
		const expired = rewritingIdToken((t) =>
			resign({
				...decodeJwt(t),
				iat: Math.floor(Date.now() / 1000) - 7200,
				exp: Math.floor(Date.now() / 1000) - 3600
			})
		);
		const tampered = rewritingIdToken(async (t) => {
			const [head, , signature] = t.split('.');
			const claims = { ...decodeJwt(t), email: 'erik.berg@avesta.test' };
			return `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
		});
		const foreign = rewritingIdToken((t) =>
			resign({ ...decodeJwt(t), iss: 'https://idp.evil.example' })
		);
		for (const options of [expired, tampered, foreign]) {
			expect(await signInAs('token-1', options)).toMatchObject({
				kind: 'refused',
				reason: 'failed'
			});
		}
		const known = await db.sql`select 1 from public.accounts where email = 'token@avesta.test'`;
		expect(known).toHaveLength(0);
		expect(await sso.start(db.sql, crypto.randomUUID(), REDIRECT, '/')).toBeNull();
	});

	it('refuses an address whose domain is mapped to another organization, or to none', async () => {
		account('elsewhere-1', 'someone@ludvika.test');
		expect(await signInAs('elsewhere-1')).toMatchObject({
			kind: 'refused',
			reason: 'domain_elsewhere'
		});
		account('nowhere-1', 'someone@gmail.test');
		expect(await signInAs('nowhere-1')).toMatchObject({
			kind: 'refused',
			reason: 'unknown_domain'
		});
		const made = await db.sql`select 1 from public.accounts where email like 'someone@%'`;
		expect(made).toHaveLength(0);
	});
});

describe('linking to an existing account', () => {
	it('never links on an unverified address, and links a verified one after the password', async () => {
		const erik = await buildUser(db.sql, { email: 'erik@avesta.test' });
		account('erik-idp', 'erik@avesta.test', false);
		expect(await signInAs('erik-idp')).toMatchObject({ kind: 'refused', reason: 'unverified' });
		account('erik-idp', 'erik@avesta.test', true);
		const pending = await signInAs('erik-idp');
		if (pending.kind !== 'link') throw new Error(pending.kind);
		expect(await sso.pendingLink(db.sql, pending.token)).toMatchObject({
			email: 'erik@avesta.test'
		});
		const client = { ip: '192.0.2.40', userAgent: 'vitest' };
		expect((await sso.confirmLink(db.sql, pending.token, 'not it', client)).kind).toBe(
			'wrong_password'
		);
		const linked = await sso.confirmLink(db.sql, pending.token, erik.password, client);
		expect(linked).toMatchObject({ kind: 'linked', userId: erik.id });
		expect((await sso.confirmLink(db.sql, pending.token, erik.password, client)).kind).toBe(
			'expired'
		);
		expect(await signInAs('erik-idp')).toMatchObject({ kind: 'signed_in', userId: erik.id });
	});
});

describe('linking an account without a password', () => {
	const client = { ip: '192.0.2.41', userAgent: 'vitest' };
	const mailedProof = async (to: string) => {
		const [mail] = await db.sql`select body_text from public.outbox where to_address = ${to}
			order by id desc limit 1`;
		return /proof=([a-z0-9]+)/.exec(mail?.body_text ?? '')?.[1] ?? '';
	};

	it('proves the account with a link mailed to it, used once, newest only', async () => {
		// An account made through a provider the organization has since replaced: no password.
		const ida = await buildUser(db.sql, { email: 'ida@avesta.test' });
		await db.sql`delete from erfa_private.credentials where user_id = ${ida.id}`;
		account('ida-new-idp', 'ida@avesta.test', true);
		const pending = await signInAs('ida-new-idp');
		if (pending.kind !== 'link') throw new Error(pending.kind);
		expect(await sso.pendingLink(db.sql, pending.token)).toMatchObject({
			hasPassword: false,
			mailed: false
		});
		// No password to prove: a password never links it.
		expect((await sso.confirmLink(db.sql, pending.token, '', client)).kind).toBe('wrong_password');

		expect(await sso.mailLink(db.sql, pending.token, client)).toEqual({ kind: 'sent' });
		const first = await mailedProof('ida@avesta.test');
		expect(await sso.mailLink(db.sql, pending.token, client)).toEqual({ kind: 'sent' });
		const newest = await mailedProof('ida@avesta.test');
		expect(newest).not.toBe(first);
		expect(await sso.pendingLink(db.sql, pending.token)).toMatchObject({ mailed: true });

		// Only with the flow's own cookie (another browser has none), and only the newest link.
		expect((await sso.confirmLinkByMail(db.sql, undefined, newest, client)).kind).toBe('expired');
		const other = await signInAs('ida-new-idp');
		if (other.kind !== 'link') throw new Error(other.kind);
		expect((await sso.confirmLinkByMail(db.sql, other.token, newest, client)).kind).toBe(
			'wrong_link'
		);
		expect((await sso.confirmLinkByMail(db.sql, pending.token, first, client)).kind).toBe(
			'wrong_link'
		);
		const linked = await sso.confirmLinkByMail(db.sql, pending.token, newest, client);
		// And on to where the sign-in was going.
		expect(linked).toMatchObject({ kind: 'linked', userId: ida.id, returnTo: '/groups' });
		expect((await sso.confirmLinkByMail(db.sql, pending.token, newest, client)).kind).toBe(
			'expired'
		);
		expect(await signInAs('ida-new-idp')).toMatchObject({ kind: 'signed_in', userId: ida.id });
	});

	it('mails nothing for an account with a password, nor for a flow that is over', async () => {
		await buildUser(db.sql, { email: 'jon@avesta.test' });
		account('jon-idp', 'jon@avesta.test', true);
		const pending = await signInAs('jon-idp');
		if (pending.kind !== 'link') throw new Error(pending.kind);
		expect(await sso.mailLink(db.sql, pending.token, client)).toEqual({ kind: 'has_password' });
		expect(await sso.mailLink(db.sql, 'no-such-flow', client)).toEqual({ kind: 'expired' });
		const [sent] = await db.sql`select count(*)::int as n from public.outbox
			where to_address = 'jon@avesta.test'`;
		expect(sent!.n).toBe(0);
	});
});

describe('housekeeping', () => {
	it('forgets sign-ins that were started but never finished', async () => {
		await sso.start(db.sql, providerId, REDIRECT, '/');
		await db.sql`update erfa_private.sso_flows set expires_at = now() - interval '1 minute'`;
		const { purge } = await import('../platform/maintenance.ts');
		expect((await purge(db.sql)).ssoFlows).toBeGreaterThanOrEqual(1);
		expect(await db.sql`select 1 from erfa_private.sso_flows`).toHaveLength(0);
	});
});

describe('provider settings', () => {
	it('stores the client secret encrypted and keeps the settings from every REST role', async () => {
		const rows = await db.sql`select * from erfa_private.identity_providers`;
		expect(JSON.stringify(rows)).not.toContain(idp.clientSecret);
		for (const role of ['anon', 'authenticated', 'service_role']) {
			const read = db.sql.begin(async (tx) => {
				await tx.unsafe(`set local role ${role}`);
				return tx`select client_secret_encrypted from erfa_private.identity_providers`;
			});
			await expect(read).rejects.toThrow(/permission denied/);
		}
		const admin = await buildUser(db.sql, { role: 'admin' });
		for (const client of [anonymous(db.rest), await forUser(db.rest, admin.id)]) {
			const { data } = await client.schema('erfa_private').from('identity_providers').select('*');
			expect(data).toBeNull();
		}
		expect((await sso.providers.forEmail(db.sql, 'x@AVESTA.test'))?.name).toBe('Avesta kommun');
	});
});
