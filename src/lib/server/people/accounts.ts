import type { Sql } from 'postgres';
import * as sessions from '../auth/sessions.ts';
import { hashPassword, verifyDecoy, verifyPassword } from '../auth/password.ts';
import * as backoff from '../auth/backoff.ts';
import * as throttle from '../auth/throttle.ts';
import * as emailTokens from '../auth/email-tokens.ts';
import * as secondStep from '../auth/second-step.ts';
import { isEnabled as hasTwoFactor } from '../auth/two-factor.ts';
import * as mail from '../mail/templates.ts';
import type { Locale } from '../mail/templates.ts';
import type { Client } from '../platform/request.ts';
import { refused, type Throttled } from './refused.ts';

// Account life cycle: register, verify, log in; resetting and changing credentials are in
// ./credentials.ts. This is privileged work (there is no user yet, or it touches credentials),
// so it uses the direct driver; everything a signed-in person reads or edits about themselves
// goes through RLS. Everything that hashes a password or sends mail is throttled first.

export type { Throttled };
export {
	changePassword,
	checkPassword,
	hasPassword,
	isResetTokenValid,
	reauthenticate,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	sendEmailChange,
	setFirstPassword
} from './credentials.ts';

export interface NewAccount {
	name: string;
	email: string;
	password: string;
	organizationId: string;
}

export type Registered =
	| { kind: 'created'; userId: string; token: string; expiresAt: Date }
	| { kind: 'exists' }
	| Throttled;

export async function register(sql: Sql, input: NewAccount, client: Client): Promise<Registered> {
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('register', client.ip, throttle.limits.registerPerIp),
		...throttle.recipient(input.email, client.ip)
	]);
	if (!verdict.allowed) return refused(verdict);
	// Hash first, whatever happens next, so both outcomes take the same time.
	const passwordHash = await hashPassword(input.password);
	const userId = await createAccount(sql, input, client.locale, passwordHash);
	if (!userId) {
		// Tell the owner, not the visitor: the page says the same in both cases.
		await mail.alreadyRegistered(sql, input.email, client.locale);
		return { kind: 'exists' };
	}
	await sendVerification(sql, userId, input.email, client.locale);
	const session = await sessions.create(sql, userId, client.userAgent);
	return { kind: 'created', userId, ...session };
}

/** The new account's id, or null when the address already has one. */
async function createAccount(sql: Sql, input: NewAccount, locale: Locale, passwordHash: string) {
	return sql
		.begin(async (tx) => {
			const [existing] = await tx`select user_id from public.accounts where email = ${input.email}`;
			if (existing) return null;
			const [profile] = await tx`insert into public.profiles (name, organization_id)
			values (${input.name}, ${input.organizationId}) returning id`;
			await tx`insert into public.accounts (user_id, email, locale)
			values (${profile!.id}, ${input.email}, ${locale})
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
}

class DuplicateEmail extends Error {}

export async function sendVerification(sql: Sql, userId: string, email: string, locale: Locale) {
	const token = await emailTokens.issue(sql, userId, 'verify');
	await mail.verifyAddress(sql, email, token, locale);
}

/** Resends the verification link to a signed-in person whose address is not yet verified. */
export async function resendVerification(
	sql: Sql,
	userId: string,
	client: Pick<Client, 'ip'>
): Promise<{ kind: 'sent' | 'verified' } | Throttled> {
	const [account] =
		await sql`select email, email_verified_at, locale from public.accounts where user_id = ${userId}`;
	if (!account || account.email_verified_at) return { kind: 'verified' };
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('mail', client.ip, throttle.limits.mailPerIp),
		throttle.perUser('mail', userId, throttle.limits.mailPerUser)
	]);
	if (!verdict.allowed) return refused(verdict);
	await sendVerification(sql, userId, account.email, account.locale);
	return { kind: 'sent' };
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
	| { kind: 'ok'; userId: string; token: string; expiresAt: Date }
	/** Password right; the session comes after the second factor (auth/second-step.ts). */
	| { kind: 'second_factor'; challenge: string; expiresAt: Date }
	| { kind: 'invalid' }
	| { kind: 'deactivated' }
	| Throttled;

/**
 * Wrong passwords slow down only the (address typed, client network) pair that made them, so
 * a guesser cannot lock the owner out; a much higher ceiling per network stops spraying many
 * accounts. An unknown address is counted like a known one: the answers are the same.
 */
export async function login(
	sql: Sql,
	email: string,
	password: string,
	client: Client
): Promise<LoginResult> {
	const ceiling = throttle.perIp('login', client.ip, throttle.limits.loginPerIp);
	const spraying = await throttle.blocked(sql, ceiling.key, ceiling.limit);
	if (!spraying.allowed) return refused(spraying);
	const subject = backoff.subjects.login(email);
	const claimed = await backoff.attempt(sql, subject, client.ip);
	if (!claimed.allowed) return refused(claimed);
	const [row] = await sql`select c.user_id, c.password_hash, p.deactivated_at
		from public.accounts a join erfa_private.credentials c on c.user_id = a.user_id
		join public.profiles p on p.id = a.user_id where a.email = ${email}`;
	const ok = row ? await verifyPassword(row.password_hash, password) : await verifyDecoy(password);
	if (!ok || !row) {
		await throttle.hit(sql, ceiling.key, ceiling.limit);
		return { kind: 'invalid' };
	}
	await backoff.succeeded(sql, subject, client.ip);
	// Only someone who knows the password learns that the account exists but is switched off;
	// telling them "wrong password" would send them to reset a password that works.
	if (row.deactivated_at) return { kind: 'deactivated' };
	// The language chosen last is the one e-mails are written in.
	await sql`update public.accounts set locale = ${client.locale}
		where user_id = ${row.user_id} and locale is distinct from ${client.locale}`;
	if (await hasTwoFactor(sql, row.user_id)) {
		const challenge = await secondStep.create(sql, row.user_id);
		return { kind: 'second_factor', challenge: challenge.token, expiresAt: challenge.expiresAt };
	}
	const session = await sessions.create(sql, row.user_id, client.userAgent);
	return { kind: 'ok', userId: row.user_id as string, ...session };
}
