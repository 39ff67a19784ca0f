import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as accounts from './accounts.ts';
import { sessions, hashToken } from '$lib/server/auth';
import { mailer } from '$lib/server/mail';
import { useTestDatabase, buildUser, TEST_PASSWORD } from '../testing/world.ts';
import { linkIn, startSmtp } from '../testing/smtp.ts';

const db = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let avesta: string;
const client = (ip = '203.0.113.7') => ({ ip, userAgent: 'vitest', locale: 'sv' as const });

beforeAll(async () => {
	smtp = await startSmtp();
	process.env.SMTP_URL = smtp.url;
	process.env.ORIGIN = 'https://erfa.example';
	const [org] = await db.sql`select id from public.organizations where slug = 'avesta'`;
	avesta = org!.id;
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await mailer.idle();
	await smtp?.stop();
});
beforeEach(() => {
	smtp.inbox.length = 0;
});

async function delivered(to: string) {
	await mailer.idle();
	return smtp.inbox.filter((m) => m.to.includes(to));
}

describe('registration and verification', () => {
	it('creates an unverified account with a session and mails a verification link over SMTP', async () => {
		const email = 'ny.person@hedemora.test';
		const result = await accounts.register(
			db.sql,
			{ name: 'Ny Person', email, password: 'ett långt lösenord för test', organizationId: avesta },
			client()
		);
		expect(result.kind).toBe('created');
		const mails = await delivered(email);
		expect(mails).toHaveLength(1);
		const link = linkIn(mails[0]!.raw, 'https://erfa.example/verify-email?token=');
		expect(link).not.toBeNull();
		const [before] =
			await db.sql`select email_verified_at from public.accounts where email = ${email}`;
		expect(before!.email_verified_at).toBeNull();
		const token = new URL(link!).searchParams.get('token')!;
		expect(await accounts.verifyEmail(db.sql, token)).toBe(true);
		expect(await accounts.verifyEmail(db.sql, token)).toBe(false); // single use
		const [after] =
			await db.sql`select email_verified_at from public.accounts where email = ${email}`;
		expect(after!.email_verified_at).toBeInstanceOf(Date);
	});

	it('says nothing new about an address that already has an account, and stores nothing', async () => {
		const existing = await buildUser(db.sql);
		const profileCount = async () =>
			(await db.sql`select count(*)::int as n from public.profiles`)[0]!.n;
		const before = await profileCount();
		const result = await accounts.register(
			db.sql,
			{
				name: 'Someone Else',
				email: existing.email,
				password: 'ett annat långt lösenord',
				organizationId: avesta
			},
			client()
		);
		expect(result.kind).toBe('exists');
		expect(await profileCount()).toBe(before);
		const mails = await delivered(existing.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.raw).toContain('forgot-password');
	});

	it('stores only hashes of session and e-mail tokens', async () => {
		const result = await accounts.register(
			db.sql,
			{
				name: 'Hash Check',
				email: 'hash@example.test',
				password: 'ett långt lösenord för test',
				organizationId: avesta
			},
			client()
		);
		if (result.kind !== 'created') throw new Error('expected an account');
		const rows =
			await db.sql`select id from erfa_private.sessions where user_id = ${result.userId}`;
		expect(rows.map((r) => r.id)).toEqual([hashToken(result.token)]);
		const link = linkIn(
			(await delivered('hash@example.test'))[0]!.raw,
			'https://erfa.example/verify-email?token='
		);
		const token = new URL(link!).searchParams.get('token')!;
		const stored =
			await db.sql`select id from erfa_private.email_tokens where user_id = ${result.userId}`;
		expect(stored.map((r) => r.id)).toEqual([hashToken(token)]);
	});
});

describe('login', () => {
	it('gives a new session for the right password and the same answer for a wrong password or address', async () => {
		const user = await buildUser(db.sql);
		const ok = await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.1'));
		expect(ok.kind).toBe('ok');
		const again = await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.1'));
		if (ok.kind !== 'ok' || again.kind !== 'ok') throw new Error('expected sessions');
		expect(again.token).not.toBe(ok.token);
		expect(
			await accounts.login(db.sql, user.email, 'wrong password!!', client('198.51.100.1'))
		).toEqual({ kind: 'invalid' });
		expect(
			await accounts.login(
				db.sql,
				'nobody@example.test',
				'wrong password!!',
				client('198.51.100.1')
			)
		).toEqual({ kind: 'invalid' });
	});

	it('slows down the address that guessed wrong, even with the right password, and remembers it in the database', async () => {
		const user = await buildUser(db.sql);
		for (let i = 0; i < 5; i++) {
			expect(
				(await accounts.login(db.sql, user.email, 'not the password', client('198.51.100.2'))).kind
			).toBe('invalid');
		}
		const blocked = await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.2'));
		expect(blocked).toMatchObject({ kind: 'throttled' });
		const [row] = await db.sql`select failures from erfa_private.backoff
			where subject = ${`login:${user.email}`} and ip = '198.51.100.2'`;
		expect(row!.failures).toBe(5);
		// The owner elsewhere is not locked out.
		expect(
			(await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.3'))).kind
		).toBe('ok');
	});

	it('tells a deactivated account so only after the right password, without a session', async () => {
		const user = await buildUser(db.sql, { deactivated: true });
		expect(
			(await accounts.login(db.sql, user.email, 'not the password', client('198.51.100.4'))).kind
		).toBe('invalid');
		expect(
			(await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.4'))).kind
		).toBe('deactivated');
		const rows = await db.sql`select 1 from erfa_private.sessions where user_id = ${user.id}`;
		expect(rows).toHaveLength(0);
	});

	it('remembers the language of the last sign-in for e-mail', async () => {
		const user = await buildUser(db.sql);
		const english = { ...client('198.51.100.5'), locale: 'en' as const };
		expect((await accounts.login(db.sql, user.email, TEST_PASSWORD, english)).kind).toBe('ok');
		const [row] = await db.sql`select locale from public.accounts where user_id = ${user.id}`;
		expect(row!.locale).toBe('en');
	});
});

describe('password reset', () => {
	it('mails a link for a known address only, resets once, ends old sessions and signs in', async () => {
		const user = await buildUser(db.sql);
		const old = await sessions.create(db.sql, user.id, 'old device');
		expect(await accounts.requestPasswordReset(db.sql, user.email, client('192.0.2.10'))).toEqual({
			kind: 'sent'
		});
		expect(
			await accounts.requestPasswordReset(db.sql, 'ghost@example.test', client('192.0.2.10'))
		).toEqual({ kind: 'sent' });
		expect(await delivered('ghost@example.test')).toHaveLength(0);
		const link = linkIn(
			(await delivered(user.email))[0]!.raw,
			'https://erfa.example/reset-password?token='
		);
		const token = new URL(link!).searchParams.get('token')!;
		expect(await accounts.isResetTokenValid(db.sql, token)).toBe(true);
		const fresh = await accounts.resetPassword(db.sql, token, 'ett helt nytt lösenord', client());
		expect(fresh.kind).toBe('ok');
		expect(await accounts.resetPassword(db.sql, token, 'ännu ett nytt lösenord', client())).toEqual(
			{ kind: 'invalid' }
		);
		expect(await sessions.validate(db.sql, old.token)).toBeNull();
		expect(
			(await accounts.login(db.sql, user.email, 'ett helt nytt lösenord', client('192.0.2.11')))
				.kind
		).toBe('ok');
	});
});

describe('password reset for an account made through a provider', () => {
	it('gives it its first password', async () => {
		const user = await buildUser(db.sql);
		await db.sql`delete from erfa_private.credentials where user_id = ${user.id}`;
		await accounts.requestPasswordReset(db.sql, user.email, client('192.0.2.20'));
		const link = linkIn(
			(await delivered(user.email))[0]!.raw,
			'https://erfa.example/reset-password?token='
		);
		const token = new URL(link!).searchParams.get('token')!;
		expect(
			(await accounts.resetPassword(db.sql, token, 'mitt första lösenord', client())).kind
		).toBe('ok');
		const signedIn = await accounts.login(
			db.sql,
			user.email,
			'mitt första lösenord',
			client('192.0.2.21')
		);
		expect(signedIn.kind).toBe('ok');
	});
});

describe('changing password and address', () => {
	it('asks for the current password and ends the other sessions', async () => {
		const user = await buildUser(db.sql);
		const current = await sessions.create(db.sql, user.id, 'this device');
		const other = await sessions.create(db.sql, user.id, 'other device');
		const currentId = hashToken(current.token);
		const change = (current: string) =>
			accounts.changePassword(
				db.sql,
				user.id,
				currentId,
				{ current, next: 'ett nytt bra lösenord' },
				client()
			);
		expect(await change('wrong')).toEqual({ kind: 'wrong_password' });
		expect(await sessions.validate(db.sql, other.token)).not.toBeNull();
		expect(await change(TEST_PASSWORD)).toEqual({ kind: 'changed' });
		expect(await sessions.validate(db.sql, other.token)).toBeNull();
		expect(await sessions.validate(db.sql, current.token)).not.toBeNull();
	});

	it('changes the address only after the link sent to the new address is followed', async () => {
		const user = await buildUser(db.sql);
		const change = (password: string) =>
			accounts.requestEmailChange(db.sql, user.id, password, 'new@example.test', client());
		expect(await change('wrong')).toEqual({ kind: 'wrong_password' });
		expect(await change(TEST_PASSWORD)).toEqual({ kind: 'sent' });
		const [still] = await db.sql`select email from public.accounts where user_id = ${user.id}`;
		expect(still!.email).toBe(user.email);
		const link = linkIn(
			(await delivered('new@example.test'))[0]!.raw,
			'https://erfa.example/verify-email?token='
		);
		expect(await accounts.verifyEmail(db.sql, new URL(link!).searchParams.get('token')!)).toBe(
			true
		);
		const [changed] = await db.sql`select email from public.accounts where user_id = ${user.id}`;
		expect(changed!.email).toBe('new@example.test');
	});
});
