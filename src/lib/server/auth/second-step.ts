import type { Cookies } from '@sveltejs/kit';
import type { Sql } from 'postgres';
import * as sessions from './sessions.ts';
import * as twoFactor from './two-factor.ts';
import { generateToken, hashToken } from './tokens.ts';

// Between a correct password and the second factor: the browser holds a random token in an
// HttpOnly cookie scoped to /login, the database only its hash, for ten minutes. The session
// is created only after the code is accepted, so a password alone never signs anyone in.

export const CHALLENGE_COOKIE = 'erfa_login_challenge';
const MINUTES = 10;

export async function create(sql: Sql, userId: string, now = new Date()) {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + MINUTES * 60_000);
	await sql`insert into erfa_private.login_challenges (id, user_id, expires_at)
		values (${hashToken(token)}, ${userId}, ${expiresAt})`;
	return { token, expiresAt };
}

/** The person a live challenge belongs to, or null. */
export async function pending(sql: Sql, token: string | undefined): Promise<string | null> {
	if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await sql`select c.user_id from erfa_private.login_challenges c
		join public.profiles p on p.id = c.user_id
		where c.id = ${hashToken(token)} and c.expires_at > now() and p.deactivated_at is null`;
	return row?.user_id ?? null;
}

export type Completed =
	| { kind: 'ok'; userId: string; token: string; expiresAt: Date; recovery: boolean }
	| { kind: 'expired' }
	| { kind: 'invalid' }
	| { kind: 'throttled'; retryAfterSeconds: number };

export async function complete(
	sql: Sql,
	token: string | undefined,
	code: string,
	client: { ip: string; userAgent: string | null }
): Promise<Completed> {
	const userId = await pending(sql, token);
	if (!userId || !token) return { kind: 'expired' };
	const checked = await twoFactor.check(sql, userId, code, client.ip);
	if (checked.kind !== 'ok') return checked;
	// Deleting the challenge is the claim: a second tab with the same cookie gets "expired".
	const claimed = await sql`delete from erfa_private.login_challenges
		where id = ${hashToken(token)} returning 1`;
	if (!claimed.length) return { kind: 'expired' };
	const session = await sessions.create(sql, userId, client.userAgent);
	return { kind: 'ok', userId, ...session, recovery: checked.recovery };
}

export async function purgeExpired(sql: Sql): Promise<void> {
	await sql`delete from erfa_private.login_challenges where expires_at < now()`;
}

export function setCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(CHALLENGE_COOKIE, token, {
		path: '/login',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearCookie(cookies: Cookies, url: URL): void {
	cookies.delete(CHALLENGE_COOKIE, {
		path: '/login',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
