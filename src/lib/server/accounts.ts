import type { Sql } from 'postgres';
import * as sessions from './auth/sessions.ts';
import { hashPassword, verifyDecoy, verifyPassword } from './auth/password.ts';
import * as throttle from './auth/throttle.ts';
import * as emailTokens from './auth/email-tokens.ts';
import * as mail from './mail/templates.ts';
import type { Locale } from './mail/templates.ts';

// Account life cycle: register, verify, log in, reset, change password or address. This is
// privileged work (there is no user yet, or it touches credentials), so it uses the direct
// driver; everything a signed-in person reads or edits about themselves goes through RLS.

export interface Client {
	ip: string;
	userAgent: string | null;
	locale: Locale;
}

export interface NewAccount {
	name: string;
	email: string;
	password: string;
	organizationId: string;
}

export type Registered =
	{ kind: 'created'; userId: string; token: string; expiresAt: Date } | { kind: 'exists' };

export async function register(sql: Sql, input: NewAccount, client: Client): Promise<Registered> {
	// Hash first, whatever happens next, so both outcomes take the same time.
	const passwordHash = await hashPassword(input.password);
	const userId = await sql
		.begin(async (tx) => {
			const [existing] = await tx`select user_id from public.accounts where email = ${input.email}`;
			if (existing) return null;
			const [profile] = await tx`insert into public.profiles (name, organization_id)
			values (${input.name}, ${input.organizationId}) returning id`;
			await tx`insert into public.accounts (user_id, email, locale)
			values (${profile!.id}, ${input.email}, ${client.locale})
			on conflict (email) do nothing`;
			const [account] =
				await tx`select user_id from public.accounts where user_id = ${profile!.id}`;
			if (!account) throw new DuplicateEmail();
			await tx`insert into erfa_private.credentials (user_id, password_hash) values (${profile!.id}, ${passwordHash})`;
			return profile!.id as string;
		})
		.catch((error: unknown) => {
			if (error instanceof DuplicateEmail) return null;
			throw error;
		});
	if (!userId) {
		// Tell the owner, not the visitor: the page says the same in both cases.
		await mail.alreadyRegistered(sql, input.email, client.locale);
		return { kind: 'exists' };
	}
	await sendVerification(sql, userId, input.email, client.locale);
	const session = await sessions.create(sql, userId, client.userAgent);
	return { kind: 'created', userId, ...session };
}

class DuplicateEmail extends Error {}

export async function sendVerification(sql: Sql, userId: string, email: string, locale: Locale) {
	const token = await emailTokens.issue(sql, userId, 'verify');
	await mail.verifyAddress(sql, email, token, locale);
}

/** Resends the verification link to a signed-in person whose address is not yet verified. */
export async function resendVerification(
	sql: Sql,
	userId: string
): Promise<'sent' | 'verified' | 'throttled'> {
	const [account] =
		await sql`select email, email_verified_at, locale from public.accounts where user_id = ${userId}`;
	if (!account || account.email_verified_at) return 'verified';
	const verdict = await throttle.hit(sql, `mail:user:${userId}`, throttle.limits.mailPerAddress);
	if (!verdict.allowed) return 'throttled';
	await sendVerification(sql, userId, account.email, account.locale);
	return 'sent';
}

export async function verifyEmail(sql: Sql, token: string): Promise<boolean> {
	const claimed = await emailTokens.consume(sql, token, ['verify', 'email_change']);
	if (!claimed) return false;
	if (claimed.purpose === 'email_change' && claimed.newEmail) {
		const taken = await sql`select 1 from public.accounts where email = ${claimed.newEmail}`;
		if (taken.length) return false;
		await sql`update public.accounts set email = ${claimed.newEmail}, email_verified_at = now()
			where user_id = ${claimed.userId}`;
	} else {
		await sql`update public.accounts set email_verified_at = coalesce(email_verified_at, now())
			where user_id = ${claimed.userId}`;
	}
	return true;
}

export type LoginResult =
	| { kind: 'ok'; token: string; expiresAt: Date }
	| { kind: 'invalid' }
	| { kind: 'throttled'; retryAfterSeconds: number };

export async function login(
	sql: Sql,
	email: string,
	password: string,
	client: Client
): Promise<LoginResult> {
	const accountKey = `login:account:${email}`;
	const addressKey = `login:ip:${client.ip}`;
	for (const [key, limit] of [
		[accountKey, throttle.limits.loginPerAccount],
		[addressKey, throttle.limits.loginPerAddress]
	] as const) {
		const verdict = await throttle.blocked(sql, key, limit);
		if (!verdict.allowed)
			return { kind: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	}
	const [row] = await sql`select c.user_id, c.password_hash, p.deactivated_at
		from public.accounts a join erfa_private.credentials c on c.user_id = a.user_id
		join public.profiles p on p.id = a.user_id where a.email = ${email}`;
	const ok = row ? await verifyPassword(row.password_hash, password) : await verifyDecoy(password);
	if (!ok || !row || row.deactivated_at) {
		await throttle.hit(sql, accountKey, throttle.limits.loginPerAccount);
		await throttle.hit(sql, addressKey, throttle.limits.loginPerAddress);
		return { kind: 'invalid' };
	}
	await throttle.reset(sql, accountKey);
	const session = await sessions.create(sql, row.user_id, client.userAgent);
	return { kind: 'ok', ...session };
}

/** Always "sent" to the caller; the mail goes out only when the account exists. */
export async function requestPasswordReset(
	sql: Sql,
	email: string,
	client: Client
): Promise<'sent' | 'throttled'> {
	const verdict = await throttle.hit(
		sql,
		`mail:reset:${client.ip}`,
		throttle.limits.mailPerAddress
	);
	if (!verdict.allowed) return 'throttled';
	const [account] = await sql`select a.user_id, a.locale from public.accounts a
		join public.profiles p on p.id = a.user_id where a.email = ${email} and p.deactivated_at is null`;
	if (account) {
		const token = await emailTokens.issue(sql, account.user_id, 'reset');
		await mail.resetPassword(sql, email, token, account.locale);
	} else {
		await hashPassword(email); // about the time the other branch takes
	}
	return 'sent';
}

export async function isResetTokenValid(sql: Sql, token: string): Promise<boolean> {
	return emailTokens.peek(sql, token, 'reset');
}

/** Sets a new password from a reset link; ends every session and signs in afresh. */
export async function resetPassword(sql: Sql, token: string, password: string, client: Client) {
	const passwordHash = await hashPassword(password);
	const claimed = await emailTokens.consume(sql, token, ['reset']);
	if (!claimed) return null;
	await setPassword(sql, claimed.userId, passwordHash);
	// Following the link proved control of the address.
	await sql`update public.accounts set email_verified_at = coalesce(email_verified_at, now())
		where user_id = ${claimed.userId}`;
	return sessions.create(sql, claimed.userId, client.userAgent);
}

async function setPassword(sql: Sql, userId: string, passwordHash: string, keepSession?: string) {
	await sql.begin(async (tx) => {
		await tx`update erfa_private.credentials set password_hash = ${passwordHash}, changed_at = now()
			where user_id = ${userId}`;
		await tx`delete from erfa_private.sessions where user_id = ${userId} and id <> ${keepSession ?? ''}`;
		await tx`delete from erfa_private.email_tokens where user_id = ${userId} and purpose = 'reset'`;
	});
}

export async function checkPassword(sql: Sql, userId: string, password: string): Promise<boolean> {
	const [row] =
		await sql`select password_hash from erfa_private.credentials where user_id = ${userId}`;
	return row ? verifyPassword(row.password_hash, password) : verifyDecoy(password);
}

/** Changes the password after re-checking the current one; other sessions end. */
export async function changePassword(
	sql: Sql,
	userId: string,
	currentSessionId: string,
	current: string,
	next: string
): Promise<boolean> {
	if (!(await checkPassword(sql, userId, current))) return false;
	await setPassword(sql, userId, await hashPassword(next), currentSessionId);
	return true;
}

/** Sends a confirmation link to the new address; the address changes when it is followed. */
export async function requestEmailChange(
	sql: Sql,
	userId: string,
	password: string,
	newEmail: string
): Promise<'sent' | 'wrong_password' | 'same'> {
	if (!(await checkPassword(sql, userId, password))) return 'wrong_password';
	const [account] = await sql`select email, locale from public.accounts where user_id = ${userId}`;
	if (account?.email === newEmail) return 'same';
	const taken = await sql`select 1 from public.accounts where email = ${newEmail}`;
	if (taken.length) {
		await mail.alreadyRegistered(sql, newEmail, account?.locale ?? 'sv');
		return 'sent';
	}
	const token = await emailTokens.issue(sql, userId, 'email_change', newEmail);
	await mail.confirmNewAddress(sql, newEmail, token, account?.locale ?? 'sv');
	return 'sent';
}
