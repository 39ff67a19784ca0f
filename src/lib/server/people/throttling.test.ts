import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as accounts from './accounts.ts';
import * as backoff from '../auth/backoff.ts';
import * as throttle from '../auth/throttle.ts';
import { hashPassword } from '../auth/password.ts';
import * as emailTokens from '../auth/email-tokens.ts';
import { useTestDatabase, buildUser, TEST_PASSWORD } from '../testing/world.ts';

// Abuse of the login and of the endpoints that hash passwords or send mail: a guesser slows
// down only their own (account, address) pair, never the owner elsewhere; every expensive
// endpoint answers "throttled" with a retry time after its limit.

// The real argon2, watched: a wrong reset link must not cost a hash.
vi.mock(import('../auth/password.ts'), async (importOriginal) => {
	const actual = await importOriginal();
	return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});
const hashes = () => vi.mocked(hashPassword).mock.calls.length;

const db = useTestDatabase();
let avesta: string;
const client = (ip: string) => ({ ip, userAgent: 'vitest', locale: 'sv' as const });

beforeAll(async () => {
	process.env.ORIGIN = 'https://erfa.example';
	const [org] = await db.sql`select id from public.organizations where slug = 'avesta'`;
	avesta = org!.id;
});

/** As if the current wait had passed, instead of sleeping through it. */
async function waitOut(subject: string, ip: string) {
	await db.sql`update erfa_private.backoff set blocked_until = now() - interval '1 second'
		where subject = ${subject} and ip = ${throttle.network(ip)}`;
}

async function failLogins(email: string, ip: string, times: number) {
	for (let i = 0; i < times; i++) {
		expect((await accounts.login(db.sql, email, 'inte lösenordet', client(ip))).kind).toBe(
			'invalid'
		);
	}
}

function retryOf(result: { kind: string; retryAfterSeconds?: number }): number {
	expect(result.kind).toBe('throttled');
	return result.retryAfterSeconds!;
}

const outbox = async (to: string) =>
	(await db.sql`select count(*)::int as n from public.outbox where to_address = ${to}`)[0]!.n;

describe('login throttling by account and address', () => {
	it('makes the guessing address wait while the owner signs in from another address', async () => {
		const user = await buildUser(db.sql);
		await failLogins(user.email, '198.51.100.10', 5);
		const refused = await accounts.login(
			db.sql,
			user.email,
			TEST_PASSWORD,
			client('198.51.100.10')
		);
		expect(retryOf(refused)).toBeGreaterThan(25);
		expect(retryOf(refused)).toBeLessThanOrEqual(30);
		const owner = await accounts.login(db.sql, user.email, TEST_PASSWORD, client('203.0.113.20'));
		expect(owner.kind).toBe('ok');
	});

	it('doubles the wait after each further failure from the same pair, up to 15 minutes', async () => {
		const user = await buildUser(db.sql);
		const ip = '198.51.100.11';
		const subject = backoff.subjects.login(user.email);
		await failLogins(user.email, ip, 5);
		const waits: number[] = [];
		for (let i = 0; i < 7; i++) {
			// Asking again while waiting changes nothing: the wait told stays true.
			const early = await accounts.login(db.sql, user.email, 'ett till försök', client(ip));
			waits.push(retryOf(early));
			await waitOut(subject, ip);
			await failLogins(user.email, ip, 1);
		}
		const expected = [30, 60, 120, 240, 480, 900, 900];
		waits.forEach((wait, i) => {
			expect(wait).toBeLessThanOrEqual(expected[i]!);
			expect(wait).toBeGreaterThan(expected[i]! - 5);
		});
		// The right password after the wait: that pair starts from zero again.
		await waitOut(subject, ip);
		expect((await accounts.login(db.sql, user.email, TEST_PASSWORD, client(ip))).kind).toBe('ok');
		await failLogins(user.email, ip, 4);
	});

	it('starts a pair from zero after an hour without failures', async () => {
		const user = await buildUser(db.sql);
		const ip = '198.51.100.18';
		await failLogins(user.email, ip, 5);
		await db.sql`update erfa_private.backoff set blocked_until = now() - interval '1 hour',
			last_failure_at = now() - interval '61 minutes'
			where subject = ${backoff.subjects.login(user.email)}`;
		await failLogins(user.email, ip, 4);
		expect((await accounts.login(db.sql, user.email, TEST_PASSWORD, client(ip))).kind).toBe('ok');
	});

	it('counts an unknown address like a known one, so the answers reveal nothing', async () => {
		await failLogins('ingen.alls@example.test', '198.51.100.12', 5);
		const refused = await accounts.login(
			db.sql,
			'ingen.alls@example.test',
			'lösenord',
			client('198.51.100.12')
		);
		expect(refused.kind).toBe('throttled');
	});

	it('lets no more than the free attempts through when guesses arrive all at once', async () => {
		const user = await buildUser(db.sql);
		const results = await Promise.all(
			Array.from({ length: 12 }, () =>
				accounts.login(db.sql, user.email, 'parallellt fel', client('198.51.100.13'))
			)
		);
		expect(results.filter((r) => r.kind === 'invalid')).toHaveLength(5);
		expect(results.filter((r) => r.kind === 'throttled')).toHaveLength(7);
	});

	it('treats the addresses of one IPv6 /64 as one client', async () => {
		const user = await buildUser(db.sql);
		await failLogins(user.email, '2001:db8:1:2::a', 3);
		await failLogins(user.email, '2001:db8:1:2:ffff::b', 2);
		const refused = await accounts.login(
			db.sql,
			user.email,
			TEST_PASSWORD,
			client('2001:db8:1:2::c')
		);
		expect(refused.kind).toBe('throttled');
		const other = await accounts.login(
			db.sql,
			user.email,
			TEST_PASSWORD,
			client('2001:db8:1:3::a')
		);
		expect(other.kind).toBe('ok');
		expect(throttle.network('::ffff:192.0.2.1')).toBe('192.0.2.1');
		expect(throttle.network('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
	});

	it('forgets every address’s failures for the account when its password is reset', async () => {
		const user = await buildUser(db.sql);
		await failLogins(user.email, '198.51.100.14', 5);
		await failLogins(user.email, '198.51.100.15', 5);
		expect(
			(await accounts.login(db.sql, user.email, TEST_PASSWORD, client('198.51.100.14'))).kind
		).toBe('throttled');
		const token = await emailTokens.issue(db.sql, user.id, 'reset');
		const reset = await accounts.resetPassword(
			db.sql,
			token,
			'ett nytt lösenord efter gissningar',
			client('198.51.100.16')
		);
		expect(reset.kind).toBe('ok');
		const left = await db.sql`select 1 from erfa_private.backoff
			where subject = ${backoff.subjects.login(user.email)}`;
		expect(left).toHaveLength(0);
		// Five free attempts again, then the new password works from the old address.
		await failLogins(user.email, '198.51.100.14', 4);
		const login = await accounts.login(
			db.sql,
			user.email,
			'ett nytt lösenord efter gissningar',
			client('198.51.100.14')
		);
		expect(login.kind).toBe('ok');
	});

	it('stops a spraying address at its ceiling without locking the owner out elsewhere', async () => {
		const owner = await buildUser(db.sql);
		const sprayer = '198.51.100.17';
		const ceiling = throttle.perIp('login', sprayer, throttle.limits.loginPerIp);
		// Most of the sprayed failures, counted as the login counts them (one by one takes minutes).
		await db.sql`insert into erfa_private.throttle (key, hits, window_started_at)
			values (${ceiling.key}, ${ceiling.limit.max - 1}, now())`;
		await failLogins('offer.ett@example.test', sprayer, 1);
		const refused = await accounts.login(db.sql, owner.email, TEST_PASSWORD, client(sprayer));
		expect(retryOf(refused)).toBeGreaterThan(14 * 60);
		// The accounts sprayed at are not locked: the owner signs in from their own address.
		const ok = await accounts.login(db.sql, owner.email, TEST_PASSWORD, client('203.0.113.21'));
		expect(ok.kind).toBe('ok');
	});
});

describe('endpoints that hash a password or send mail', () => {
	it('checks a reset link before hashing: a wrong link costs no argon2', async () => {
		const before = hashes();
		const result = await accounts.resetPassword(
			db.sql,
			'a'.repeat(32),
			'ett långt nytt lösenord',
			client('192.0.2.30')
		);
		expect(result).toEqual({ kind: 'invalid' });
		expect(hashes()).toBe(before);
		// The watch works: a good link is hashed once.
		const user = await buildUser(db.sql);
		const token = await emailTokens.issue(db.sql, user.id, 'reset');
		const ok = await accounts.resetPassword(
			db.sql,
			token,
			'ett långt nytt lösenord',
			client('192.0.2.30')
		);
		expect(ok.kind).toBe('ok');
		expect(hashes()).toBe(before + 1);
	});

	it('refuses reset submissions from one address after its limit', async () => {
		const ip = '192.0.2.31';
		const { max } = throttle.limits.passwordWorkPerIp;
		for (let i = 0; i < max; i++) {
			const result = await accounts.resetPassword(db.sql, 'b'.repeat(32), 'x', client(ip));
			expect(result.kind).toBe('invalid');
		}
		const refused = await accounts.resetPassword(db.sql, 'b'.repeat(32), 'x', client(ip));
		expect(retryOf(refused)).toBeGreaterThan(0);
	});

	it('limits reset mail per recipient and address, without blocking the owner elsewhere', async () => {
		const user = await buildUser(db.sql);
		for (let i = 0; i < throttle.limits.mailPerRecipientAndIp.max; i++) {
			expect(
				(await accounts.requestPasswordReset(db.sql, user.email, client('192.0.2.32'))).kind
			).toBe('sent');
		}
		const refused = await accounts.requestPasswordReset(db.sql, user.email, client('192.0.2.32'));
		expect(retryOf(refused)).toBeGreaterThan(50 * 60);
		expect(
			(await accounts.requestPasswordReset(db.sql, user.email, client('192.0.2.33'))).kind
		).toBe('sent');
		expect(await outbox(user.email)).toBe(4);
	});

	it('caps mail to one recipient from many addresses', async () => {
		const email = 'mottagare@example.test';
		const { max } = throttle.limits.mailPerRecipient;
		for (let i = 0; i < max; i++) {
			const result = await accounts.requestPasswordReset(
				db.sql,
				email,
				client(`192.0.2.${100 + i}`)
			);
			expect(result.kind).toBe('sent');
		}
		const refused = await accounts.requestPasswordReset(db.sql, email, client('192.0.2.200'));
		expect(refused.kind).toBe('throttled');
	});

	it('refuses registration before hashing once an address has registered too often', async () => {
		const ip = '192.0.2.34';
		const register = (n: number) =>
			accounts.register(
				db.sql,
				{
					name: `Massregistrering ${n}`,
					email: `mass.${n}@example.test`,
					password: 'ett långt lösenord för test',
					organizationId: avesta
				},
				client(ip)
			);
		await db.sql`insert into erfa_private.throttle (key, hits, window_started_at)
			values (${throttle.perIp('register', ip, throttle.limits.registerPerIp).key},
				${throttle.limits.registerPerIp.max - 1}, now())`;
		expect((await register(1)).kind).toBe('created');
		const before = hashes();
		expect(retryOf(await register(2))).toBeGreaterThan(0);
		expect(hashes()).toBe(before);
	});

	it('limits resending the verification link per person', async () => {
		const user = await buildUser(db.sql, { verified: false });
		for (let i = 0; i < throttle.limits.mailPerUser.max; i++) {
			const ip = `192.0.2.${40 + i}`;
			expect((await accounts.resendVerification(db.sql, user.id, client(ip))).kind).toBe('sent');
		}
		const refused = await accounts.resendVerification(db.sql, user.id, client('192.0.2.60'));
		expect(refused.kind).toBe('throttled');
	});

	it('slows wrong current passwords per person and address, not the person elsewhere', async () => {
		const user = await buildUser(db.sql);
		const change = (current: string, ip: string) =>
			accounts.changePassword(
				db.sql,
				user.id,
				'no-session',
				{ current, next: 'ett nytt bra lösenord' },
				client(ip)
			);
		for (let i = 0; i < 5; i++) {
			expect(await change('fel', '192.0.2.70')).toEqual({ kind: 'wrong_password' });
		}
		expect((await change(TEST_PASSWORD, '192.0.2.70')).kind).toBe('throttled');
		const emailChange = await accounts.requestEmailChange(
			db.sql,
			user.id,
			TEST_PASSWORD,
			'ny.adress@example.test',
			client('192.0.2.70')
		);
		expect(emailChange.kind).toBe('throttled');
		expect(await change(TEST_PASSWORD, '192.0.2.71')).toEqual({ kind: 'changed' });
	});

	it('limits address-change mail per person', async () => {
		const user = await buildUser(db.sql);
		const ask = (n: number) =>
			accounts.requestEmailChange(
				db.sql,
				user.id,
				TEST_PASSWORD,
				`ny.${n}@example.test`,
				client('192.0.2.72')
			);
		for (let i = 0; i < throttle.limits.mailPerUser.max; i++) {
			expect((await ask(i)).kind).toBe('sent');
		}
		expect((await ask(99)).kind).toBe('throttled');
		expect(await outbox('ny.99@example.test')).toBe(0);
	});
});
