import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import { hashToken, sessions, throttle } from '$lib/server/auth';
import { retryMessage } from '$lib/server/people';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	TEST_PASSWORD
} from '../lib/server/testing/world.ts';
import { actions as login } from './login/+page.server';
import { actions as forgot } from './forgot-password/+page.server';
import { actions as verify } from './verify-email/+page.server';
import { actions as profile } from './profile/+page.server';
import { actions as members } from './groups/[slug]/members/+page.server';

// What a browser or a script sees when a form is throttled: 429 at once, a Retry-After header
// and a sentence saying when to try again.

const db = useTestDatabase({ rest: true });

beforeAll(async () => {
	process.env.ORIGIN = 'https://erfa.example';
});

interface Caller {
	ip: string;
	user?: SessionUser;
	session?: { id: string };
	db?: Db;
	params?: Record<string, string>;
}

type Action = ((event: never) => unknown) | undefined;

/** Submits a form to an action as SvelteKit would; returns the answer and the headers set. */
async function submit(action: Action, path: string, fields: Record<string, string>, who: Caller) {
	if (!action) throw new Error('no such action');
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const url = new URL(`https://erfa.example${path}`);
	const headers: Record<string, string> = {};
	const event = {
		url,
		request: new Request(url, { method: 'POST', body }),
		params: who.params ?? {},
		locals: {
			user: who.user ?? null,
			session: who.session ?? null,
			supabase: who.db ?? anonymous(db.rest)
		},
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => who.ip,
		setHeaders: (set: Record<string, string>) => {
			for (const [k, v] of Object.entries(set)) headers[k.toLowerCase()] = v;
		}
	};
	try {
		return { answer: await action(event as never), headers };
	} catch (e) {
		if (isRedirect(e)) return { answer: { redirect: e.status }, headers };
		throw e;
	}
}

function failure(answer: unknown) {
	if (!isActionFailure(answer))
		throw new Error(`expected a failure, got ${JSON.stringify(answer)}`);
	return answer as unknown as { status: number; data: { message?: string } };
}

async function signedIn(ip: string): Promise<Caller> {
	const built = await buildUser(db.sql);
	const { token } = await sessions.create(db.sql, built.id, 'vitest');
	const user = {
		id: built.id,
		name: built.name,
		role: 'member',
		organizationId: null,
		emailVerified: false
	} as unknown as SessionUser;
	return { ip, user, session: { id: hashToken(token) }, db: await forUser(db.rest, built.id) };
}

describe('the login form', () => {
	it('answers 429 with Retry-After for the guessing address and still lets the owner in elsewhere', async () => {
		const user = await buildUser(db.sql);
		const guess = { email: user.email, password: 'fel lösenord igen' };
		for (let i = 0; i < 5; i++) {
			const { answer } = await submit(login.default, '/login', guess, { ip: '198.51.100.40' });
			expect(failure(answer).status).toBe(400);
		}
		const right = { email: user.email, password: TEST_PASSWORD };
		const { answer, headers } = await submit(login.default, '/login', right, {
			ip: '198.51.100.40'
		});
		expect(failure(answer).status).toBe(429);
		const retry = Number(headers['retry-after']);
		expect(retry).toBeGreaterThan(25);
		expect(retry).toBeLessThanOrEqual(30);
		expect(failure(answer).data.message).toBe('För många försök. Försök igen om 30 sekunder.');
		const owner = await submit(login.default, '/login', right, { ip: '203.0.113.40' });
		expect(owner.answer).toEqual({ redirect: 303 });
	});
});

describe('forms that send mail or hash a password', () => {
	it('answers the reset-link form with 429 and Retry-After after its limit', async () => {
		const email = 'glomsk@example.test';
		for (let i = 0; i < throttle.limits.mailPerRecipientAndIp.max; i++) {
			const { answer } = await submit(
				forgot.default,
				'/forgot-password',
				{ email },
				{
					ip: '192.0.2.80'
				}
			);
			expect(answer).toEqual({ sentTo: email });
		}
		const { answer, headers } = await submit(
			forgot.default,
			'/forgot-password',
			{ email },
			{
				ip: '192.0.2.80'
			}
		);
		expect(failure(answer).status).toBe(429);
		expect(Number(headers['retry-after'])).toBeGreaterThan(59 * 60);
		expect(failure(answer).data.message).toBe('För många försök. Försök igen om 60 minuter.');
	});

	it('answers "send the link again" with 429, Retry-After and when to try again', async () => {
		const caller = await signedIn('192.0.2.81');
		await db.sql`update public.accounts set email_verified_at = null where user_id = ${caller.user!.id}`;
		for (let i = 0; i < throttle.limits.mailPerUser.max; i++) {
			const { answer } = await submit(verify.resend, '/verify-email?/resend', {}, caller);
			expect(answer).toEqual({ resent: true });
		}
		const { answer, headers } = await submit(verify.resend, '/verify-email?/resend', {}, caller);
		expect(failure(answer).status).toBe(429);
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
		expect(failure(answer).data.message).toMatch(/Försök igen om \d+ minuter/);
	});

	it('answers a password change with 429 after wrong current passwords, in its section', async () => {
		const caller = await signedIn('192.0.2.82');
		const change = { current_password: 'fel', new_password: 'ett nytt och bra lösenord' };
		for (let i = 0; i < 5; i++) {
			const { answer } = await submit(profile.password, '/profile?/password', change, caller);
			expect(failure(answer).status).toBe(400);
		}
		const { answer, headers } = await submit(
			profile.password,
			'/profile?/password',
			change,
			caller
		);
		expect(failure(answer).status).toBe(429);
		expect(failure(answer).data).toMatchObject({ section: 'password' });
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
	});

	it('answers group invitations to one address with 429 after its limit', async () => {
		const caller = await signedIn('192.0.2.83');
		const group = await buildGroup(db.sql, {
			visibility: 'closed',
			members: [[caller.user!.id, 'coordinator']]
		});
		const coordinator = { ...caller, params: { slug: group.slug } };
		const path = `/groups/${group.slug}/members?/invite`;
		const fields = { email: 'inbjuden@example.test', message: '' };
		const first = await submit(members.invite, path, fields, coordinator);
		expect(first.answer).toMatchObject({ section: 'invite', notice: expect.any(String) });
		// Asking again counts too (it is answered "already invited").
		for (let i = 1; i < throttle.limits.mailPerRecipientAndIp.max; i++) {
			const { answer } = await submit(members.invite, path, fields, coordinator);
			expect(failure(answer).status).toBe(409);
		}
		const { answer, headers } = await submit(members.invite, path, fields, coordinator);
		expect(failure(answer).status).toBe(429);
		expect(failure(answer).data).toMatchObject({ section: 'invite' });
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
	});
});

describe('the sentence saying when to try again', () => {
	it('says seconds under a minute and minutes above, in Swedish and English', () => {
		expect(retryMessage(1)).toBe('För många försök. Försök igen om 5 sekunder.');
		expect(retryMessage(60)).toBe('För många försök. Försök igen om en minut.');
		expect(retryMessage(15 * 60)).toBe('För många försök. Försök igen om 15 minuter.');
		overwriteGetLocale(() => 'en');
		try {
			expect(retryMessage(30)).toBe('Too many attempts. Try again in 30 seconds.');
			expect(retryMessage(61)).toBe('Too many attempts. Try again in 2 minutes.');
		} finally {
			overwriteGetLocale(() => 'sv');
		}
	});
});
