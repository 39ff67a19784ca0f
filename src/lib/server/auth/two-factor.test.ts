import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildUser, TEST_PASSWORD } from '../testing/world.ts';
import * as accounts from '../people/accounts.ts';
import { confirmIdentity } from '../people/reauth.ts';
import * as recent from './recent.ts';
import * as secondStep from './second-step.ts';
import * as sessions from './sessions.ts';
import * as twoFactor from './two-factor.ts';

const db = useTestDatabase({ rest: true });
let dataDir: string;
const client = { ip: '192.0.2.10', userAgent: 'vitest', locale: 'sv' as const };

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-2fa-'));
	process.env.DATA_DIR = dataDir;
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

/** What an authenticator app shows for the secret at `offset` steps from now. */
function codeFor(secret: string, offset = 0): string {
	const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
	const step = BigInt(Math.floor(Date.now() / 30_000) + offset);
	return generateHOTP(key, step, 6);
}

async function enrolled(overrides: Parameters<typeof buildUser>[1] = {}) {
	const user = await buildUser(db.sql, overrides);
	const enrolment = await twoFactor.beginEnrolment(db.sql, user.id);
	const codes = await twoFactor.confirmEnrolment(db.sql, user.id, codeFor(enrolment!.secret, -1));
	return { ...user, secret: enrolment!.secret, codes: codes! };
}

describe('enrolment', () => {
	it('keeps one secret until confirmed, encrypted at rest, and shows recovery codes once', async () => {
		const user = await buildUser(db.sql);
		const first = await twoFactor.beginEnrolment(db.sql, user.id);
		const again = await twoFactor.beginEnrolment(db.sql, user.id);
		expect(again!.secret).toBe(first!.secret);
		expect(first!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
		const [row] =
			await db.sql`select secret_encrypted from erfa_private.totp where user_id = ${user.id}`;
		expect(row!.secret_encrypted).toMatch(/^v1\./);
		expect(row!.secret_encrypted).not.toContain(first!.secret.replace(/\s/g, ''));

		expect(await twoFactor.confirmEnrolment(db.sql, user.id, '000000')).toBeNull();
		const codes = await twoFactor.confirmEnrolment(db.sql, user.id, codeFor(first!.secret));
		expect(codes).toHaveLength(10);
		expect(await twoFactor.beginEnrolment(db.sql, user.id)).toBeNull();
		const stored =
			await db.sql`select code_hash from erfa_private.recovery_codes where user_id = ${user.id}`;
		expect(stored).toHaveLength(10);
		for (const code of codes!) expect(stored.map((r) => r.code_hash)).not.toContain(code);
	});

	it('is not reachable through the REST roles', async () => {
		for (const role of ['anon', 'authenticated']) {
			const [row] =
				await db.sql`select has_table_privilege(${role}, 'erfa_private.totp', 'select') as t,
				has_table_privilege(${role}, 'erfa_private.recovery_codes', 'select') as r,
				has_table_privilege(${role}, 'erfa_private.data_exports', 'select') as e`;
			expect(row).toEqual({ t: false, r: false, e: false });
		}
		const tables =
			await db.sql`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'erfa_private' and relname in ('totp', 'recovery_codes', 'two_factor_exemptions',
			'login_challenges', 'data_exports') and not relrowsecurity`;
		expect(tables).toEqual([]);
	});
});

describe('signing in with two-factor', () => {
	it('asks for a code after the password and signs in only with it', async () => {
		const user = await enrolled();
		const first = await accounts.login(db.sql, user.email, TEST_PASSWORD, client);
		expect(first.kind).toBe('second_factor');
		if (first.kind !== 'second_factor') return;
		expect(
			await db.sql`select 1 from erfa_private.sessions where user_id = ${user.id}`
		).toHaveLength(0);
		const wrong = await secondStep.complete(db.sql, first.challenge, '123456', client);
		expect(wrong.kind).toBe('invalid');
		const ok = await secondStep.complete(db.sql, first.challenge, codeFor(user.secret), client);
		expect(ok).toMatchObject({ kind: 'ok', recovery: false });
		if (ok.kind === 'ok') expect(await sessions.validate(db.sql, ok.token)).not.toBeNull();
		// The challenge is used up, and the code cannot be replayed.
		expect(
			(await secondStep.complete(db.sql, first.challenge, codeFor(user.secret), client)).kind
		).toBe('expired');
		const next = await accounts.login(db.sql, user.email, TEST_PASSWORD, client);
		if (next.kind !== 'second_factor') throw new Error('expected a challenge');
		expect(
			(await secondStep.complete(db.sql, next.challenge, codeFor(user.secret), client)).kind
		).toBe('invalid');
	});

	it('accepts each recovery code once', async () => {
		const user = await enrolled();
		const login = async () => {
			const r = await accounts.login(db.sql, user.email, TEST_PASSWORD, client);
			if (r.kind !== 'second_factor') throw new Error('expected a challenge');
			return r.challenge;
		};
		const code = user.codes[3]!.toUpperCase();
		expect(await secondStep.complete(db.sql, await login(), code, client)).toMatchObject({
			kind: 'ok',
			recovery: true
		});
		expect((await secondStep.complete(db.sql, await login(), code, client)).kind).toBe('invalid');
		expect((await twoFactor.status(db.sql, user.id)).recoveryRemaining).toBe(9);
	});

	it('slows down guessing: after a few wrong codes the next answer is a wait', async () => {
		const user = await enrolled();
		const r = await accounts.login(db.sql, user.email, TEST_PASSWORD, {
			...client,
			ip: '192.0.2.99'
		});
		if (r.kind !== 'second_factor') throw new Error('expected a challenge');
		const answers = [];
		for (let i = 0; i < 7; i++) {
			answers.push(
				(await secondStep.complete(db.sql, r.challenge, '000000', { ...client, ip: '192.0.2.99' }))
					.kind
			);
		}
		expect(answers.slice(0, 5)).toEqual(Array(5).fill('invalid'));
		expect(answers.at(-1)).toBe('throttled');
		// Even the right code waits: the wait is what stops guessing.
		const right = await secondStep.complete(db.sql, r.challenge, codeFor(user.secret), {
			...client,
			ip: '192.0.2.99'
		});
		expect(right.kind).toBe('throttled');
	});
});

describe('the administrators’ policy', () => {
	it('requires enrolment of administrators unless exempted', async () => {
		const admin = await buildUser(db.sql, { role: 'admin' });
		const member = await buildUser(db.sql);
		expect(await twoFactor.mustEnrol(db.sql, admin.id)).toBe(true);
		expect(await twoFactor.mustEnrol(db.sql, member.id)).toBe(false);
		await db.sql`insert into erfa_private.two_factor_exemptions (user_id, reason) values (${admin.id}, 'test')`;
		expect(await twoFactor.mustEnrol(db.sql, admin.id)).toBe(false);
		const enrolledAdmin = await enrolled({ role: 'admin' });
		expect(await twoFactor.mustEnrol(db.sql, enrolledAdmin.id)).toBe(false);
	});
});

describe('re-authentication', () => {
	it('sends a stale session to /reauth with the page (not the action) to return to', async () => {
		const user = await buildUser(db.sql);
		await sessions.create(db.sql, user.id, 'vitest');
		const [row] =
			await db.sql`update erfa_private.sessions set authenticated_at = now() - interval '1 hour'
			where user_id = ${user.id} returning id`;
		const event = {
			url: new URL('https://erfa.example/admin/users/x?/role'),
			locals: { user: { id: user.id }, session: { id: row!.id } }
		} as unknown as Parameters<typeof recent.requireRecentAuth>[0];
		await expect(recent.requireRecentAuth(event, db.sql)).rejects.toMatchObject({
			status: 303,
			location: '/reauth?returnTo=%2Fadmin%2Fusers%2Fx'
		});
		await recent.mark(db.sql, row!.id);
		await expect(recent.requireRecentAuth(event, db.sql)).resolves.toBeUndefined();
	});

	it('is fresh for 15 minutes after signing in, then asks for the password and code', async () => {
		const user = await enrolled();
		await sessions.create(db.sql, user.id, 'vitest');
		const [row] = await db.sql`select id from erfa_private.sessions where user_id = ${user.id}`;
		const sessionId = row!.id as string;
		expect(await recent.isRecent(db.sql, sessionId)).toBe(true);
		await db.sql`update erfa_private.sessions set authenticated_at = now() - interval '16 minutes' where id = ${sessionId}`;
		expect(await recent.isRecent(db.sql, sessionId)).toBe(false);
		const who = { userId: user.id, sessionId };
		const pw = { password: TEST_PASSWORD };
		expect((await confirmIdentity(db.sql, who, pw, client)).kind).toBe('code_required');
		expect((await confirmIdentity(db.sql, who, { ...pw, code: '000000' }, client)).kind).toBe(
			'wrong_code'
		);
		expect(
			(
				await confirmIdentity(
					db.sql,
					who,
					{ password: 'wrong', code: codeFor(user.secret) },
					client
				)
			).kind
		).toBe('wrong_password');
		expect(await recent.isRecent(db.sql, sessionId)).toBe(false);
		expect(
			(await confirmIdentity(db.sql, who, { ...pw, code: codeFor(user.secret) }, client)).kind
		).toBe('ok');
		expect(await recent.isRecent(db.sql, sessionId)).toBe(true);
	});
});

describe('the policy at every request', () => {
	it('sends an administrator without two-factor to enrol, and lets the enrolment page through', async () => {
		const { enforceTwoFactor } = await import('./policy.ts');
		const admin = await buildUser(db.sql, { role: 'admin' });
		const member = await buildUser(db.sql);
		const through = new Response('ok');
		const ask = (user: { id: string; role: string }, path: string) =>
			enforceTwoFactor({
				event: {
					locals: { user },
					url: new URL(`https://erfa.example${path}`),
					request: new Request(`https://erfa.example${path}`)
				},
				resolve: async () => through
			} as never);
		await expect(ask({ id: admin.id, role: 'admin' }, '/admin/users')).rejects.toMatchObject({
			status: 303,
			location: '/profile/two-factor?required=1'
		});
		await expect(ask({ id: admin.id, role: 'admin' }, '/profile/two-factor')).resolves.toBe(
			through
		);
		await expect(ask({ id: admin.id, role: 'admin' }, '/logout')).resolves.toBe(through);
		await expect(ask({ id: member.id, role: 'member' }, '/admin/users')).resolves.toBe(through);
	});
});
