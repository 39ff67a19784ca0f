import type { Sql } from 'postgres';
import * as sessions from '../auth/sessions.ts';
import { hashPassword, verifyDecoy, verifyPassword } from '../auth/password.ts';
import * as backoff from '../auth/backoff.ts';
import * as throttle from '../auth/throttle.ts';
import * as emailTokens from '../auth/email-tokens.ts';
import * as mail from '../mail/templates.ts';
import type { Client } from '../platform/request.ts';
import { refused, type Throttled } from './refused.ts';

// Resetting and changing a password or an address (re-exported by ./accounts.ts). Each step
// that hashes a password or sends mail is throttled per network and, where there is one, per
// person or recipient, before the work is done.

/** Always "sent" to the caller; the mail goes out only when the account exists. */
export async function requestPasswordReset(
	sql: Sql,
	email: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'sent' } | Throttled> {
	// Counted per address typed, known or not, so a refusal says nothing about an account.
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('mail', client.ip, throttle.limits.mailPerIp),
		...throttle.recipient(email, client.ip)
	]);
	if (!verdict.allowed) return refused(verdict);
	const [account] = await sql`select a.user_id, a.locale from public.accounts a
		join public.profiles p on p.id = a.user_id where a.email = ${email} and p.deactivated_at is null`;
	if (account) {
		const token = await emailTokens.issue(sql, account.user_id, 'reset');
		await mail.resetPassword(sql, email, token, account.locale);
	} else {
		await hashPassword(email); // about the time the other branch takes
	}
	return { kind: 'sent' };
}

export async function isResetTokenValid(sql: Sql, token: string): Promise<boolean> {
	return emailTokens.peek(sql, token, 'reset');
}

export type Reset =
	{ kind: 'ok'; token: string; expiresAt: Date } | { kind: 'invalid' } | Throttled;

/**
 * Sets a new password from a reset link; ends every session, forgets the wrong passwords
 * counted against the account (from every address) and signs in afresh.
 */
export async function resetPassword(
	sql: Sql,
	token: string,
	password: string,
	client: Client
): Promise<Reset> {
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('reset', client.ip, throttle.limits.passwordWorkPerIp)
	]);
	if (!verdict.allowed) return refused(verdict);
	// The token first, a cheap lookup: a wrong or used link costs no argon2 work.
	if (!(await emailTokens.peek(sql, token, 'reset'))) return { kind: 'invalid' };
	const passwordHash = await hashPassword(password);
	const claimed = await emailTokens.consume(sql, token, ['reset']);
	if (!claimed) return { kind: 'invalid' };
	await setPassword(sql, claimed.userId, passwordHash);
	// Following the link proved control of the address.
	const [account] = await sql`update public.accounts
		set email_verified_at = coalesce(email_verified_at, now())
		where user_id = ${claimed.userId} returning email`;
	const subjects = [backoff.subjects.reauth(claimed.userId)];
	if (account) subjects.push(backoff.subjects.login(account.email));
	await backoff.clear(sql, subjects);
	const session = await sessions.create(sql, claimed.userId, client.userAgent);
	return { kind: 'ok', ...session };
}

async function setPassword(sql: Sql, userId: string, passwordHash: string, keepSession?: string) {
	await sql.begin(async (tx) => {
		// An account made through a provider has no password yet: a reset gives it its first.
		await tx`insert into erfa_private.credentials (user_id, password_hash) values (${userId}, ${passwordHash})
			on conflict (user_id) do update set password_hash = excluded.password_hash, changed_at = now()`;
		await tx`delete from erfa_private.sessions where user_id = ${userId} and id <> ${keepSession ?? ''}`;
		await tx`delete from erfa_private.email_tokens where user_id = ${userId} and purpose = 'reset'`;
	});
}

/** Whether the account has a password of its own (one made through a provider may not). */
export async function hasPassword(sql: Sql, userId: string): Promise<boolean> {
	const [row] = await sql`select 1 from erfa_private.credentials where user_id = ${userId}`;
	return Boolean(row);
}

/**
 * Gives an account without a password its first one (the caller has required a recent
 * re-authentication at the provider). Never replaces an existing password: that needs the
 * current one (changePassword). Other sessions end, as with any new password.
 */
export async function setFirstPassword(
	sql: Sql,
	userId: string,
	currentSessionId: string,
	next: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'set' | 'has_password' } | Throttled> {
	if (await hasPassword(sql, userId)) return { kind: 'has_password' };
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('password', client.ip, throttle.limits.passwordWorkPerIp),
		throttle.perUser('password', userId, throttle.limits.passwordWorkPerUser)
	]);
	if (!verdict.allowed) return refused(verdict);
	const passwordHash = await hashPassword(next);
	const inserted = await sql.begin(async (tx) => {
		const rows = await tx`insert into erfa_private.credentials (user_id, password_hash)
			values (${userId}, ${passwordHash}) on conflict (user_id) do nothing returning user_id`;
		if (rows.length) {
			await tx`delete from erfa_private.sessions where user_id = ${userId} and id <> ${currentSessionId}`;
		}
		return rows.length > 0;
	});
	return { kind: inserted ? 'set' : 'has_password' };
}

export async function checkPassword(sql: Sql, userId: string, password: string): Promise<boolean> {
	const [row] =
		await sql`select password_hash from erfa_private.credentials where user_id = ${userId}`;
	return row ? verifyPassword(row.password_hash, password) : verifyDecoy(password);
}

/**
 * Re-checks a signed-in person's password before a change to their credentials. A stolen
 * session must not become a way to guess it: wrong attempts wait as failed logins do, per
 * (person, network), and all checks are capped per network and per person.
 */
export async function reauthenticate(
	sql: Sql,
	userId: string,
	password: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'ok' } | { kind: 'wrong_password' } | Throttled> {
	const subject = backoff.subjects.reauth(userId);
	const wait = await backoff.waiting(sql, subject, client.ip);
	if (wait) return refused({ allowed: false, retryAfterSeconds: wait });
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('password', client.ip, throttle.limits.passwordWorkPerIp),
		throttle.perUser('password', userId, throttle.limits.passwordWorkPerUser)
	]);
	if (!verdict.allowed) return refused(verdict);
	const claimed = await backoff.attempt(sql, subject, client.ip);
	if (!claimed.allowed) return refused(claimed);
	if (!(await checkPassword(sql, userId, password))) return { kind: 'wrong_password' };
	await backoff.succeeded(sql, subject, client.ip);
	return { kind: 'ok' };
}

/** Changes the password after re-checking the current one; other sessions end. */
export async function changePassword(
	sql: Sql,
	userId: string,
	currentSessionId: string,
	passwords: { current: string; next: string },
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'changed' | 'wrong_password' } | Throttled> {
	const checked = await reauthenticate(sql, userId, passwords.current, client);
	if (checked.kind !== 'ok') return checked;
	await setPassword(sql, userId, await hashPassword(passwords.next), currentSessionId);
	return { kind: 'changed' };
}

/** Sends a confirmation link to the new address; the address changes when it is followed. */
export async function requestEmailChange(
	sql: Sql,
	userId: string,
	password: string,
	newEmail: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'sent' | 'wrong_password' | 'same' } | Throttled> {
	const checked = await reauthenticate(sql, userId, password, client);
	if (checked.kind !== 'ok') return checked;
	return sendEmailChange(sql, userId, newEmail, client);
}

/**
 * The mail half of an address change, for a caller that has already re-checked who the person
 * is: by password (above) or, for an account without one, by a fresh sign-in at its provider.
 */
export async function sendEmailChange(
	sql: Sql,
	userId: string,
	newEmail: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'sent' | 'same' } | Throttled> {
	const [account] = await sql`select email, locale from public.accounts where user_id = ${userId}`;
	if (account?.email === newEmail) return { kind: 'same' };
	const verdict = await throttle.hitAll(sql, [
		throttle.perUser('mail', userId, throttle.limits.mailPerUser),
		...throttle.recipient(newEmail, client.ip)
	]);
	if (!verdict.allowed) return refused(verdict);
	const taken = await sql`select 1 from public.accounts where email = ${newEmail}`;
	if (taken.length) {
		await mail.alreadyRegistered(sql, newEmail, account?.locale ?? 'sv');
		return { kind: 'sent' };
	}
	const token = await emailTokens.issue(sql, userId, 'email_change', newEmail);
	await mail.confirmNewAddress(sql, newEmail, token, account?.locale ?? 'sv');
	return { kind: 'sent' };
}
