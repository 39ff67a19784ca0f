import type { Sql } from 'postgres';
import { hashToken, newConfirmToken, verifyUnsubscribe } from './tokens.ts';

// Who receives the newsletter. These run on the privileged pool on purpose: subscribing,
// confirming and unsubscribing happen without a session (the e-mail or its token is the
// authorization), and a member's own opt-in is keyed by the signed-in id the route checked.
// The subscribers table is readable only by administrators and the member themself (RLS).

export type Locale = 'sv' | 'en';
const CONFIRM_DAYS = 7;

export type RequestResult = { status: 'sent'; token: string } | { status: 'already' };

/**
 * Double opt-in, step one: remembers the address as unconfirmed and returns the token for the
 * confirmation mail. An address that already receives the newsletter gets no mail, and the
 * caller answers the same either way, so the form reveals nothing about who subscribes.
 */
export async function request(sql: Sql, email: string, locale: Locale): Promise<RequestResult> {
	const address = email.trim().toLowerCase();
	const { token, hash } = newConfirmToken();
	const expires = new Date(Date.now() + CONFIRM_DAYS * 86_400_000);
	const rows = await sql`insert into public.newsletter_subscribers
			(email, locale, confirm_token_hash, confirm_expires_at)
		values (${address}, ${locale}, ${hash}, ${expires})
		on conflict (email) do update set confirm_token_hash = excluded.confirm_token_hash,
			confirm_expires_at = excluded.confirm_expires_at, locale = excluded.locale
		where newsletter_subscribers.confirmed_at is null
			or newsletter_subscribers.unsubscribed_at is not null
		returning id`;
	return rows.length ? { status: 'sent', token } : { status: 'already' };
}

/** Double opt-in, step two. False for an unknown, used or expired token. */
export async function confirm(sql: Sql, token: string | null | undefined): Promise<boolean> {
	if (!token || token.length > 200) return false;
	const rows = await sql`update public.newsletter_subscribers
		set confirmed_at = now(), unsubscribed_at = null,
			confirm_token_hash = null, confirm_expires_at = null
		where confirm_token_hash = ${hashToken(token)} and confirm_expires_at > now()
		returning id`;
	return rows.length > 0;
}

export async function isMemberSubscribed(sql: Sql, userId: string): Promise<boolean> {
	const [row] = await sql`select 1 from public.newsletter_subscribers
		where user_id = ${userId} and confirmed_at is not null and unsubscribed_at is null`;
	return Boolean(row);
}

export interface Member {
	id: string;
	locale: Locale;
}

/**
 * A member's opt-in from their profile. Their address is verified already, so no confirmation
 * mail; an earlier subscription by the same address becomes theirs.
 */
export async function setMember(sql: Sql, member: Member, subscribed: boolean): Promise<void> {
	if (!subscribed) {
		await sql`update public.newsletter_subscribers set unsubscribed_at = coalesce(unsubscribed_at, now())
			where user_id = ${member.id}`;
		return;
	}
	await sql.begin(async (tx) => {
		const [account] = await tx`select email from public.accounts where user_id = ${member.id}`;
		if (!account) return;
		const email = account.email as string;
		const [own] =
			await tx`select id from public.newsletter_subscribers where user_id = ${member.id}`;
		if (!own) {
			await tx`insert into public.newsletter_subscribers (email, user_id, locale, confirmed_at)
				values (${email}, ${member.id}, ${member.locale}, now())
				on conflict (email) do update set user_id = ${member.id}, unsubscribed_at = null,
					confirmed_at = coalesce(newsletter_subscribers.confirmed_at, now())`;
			return;
		}
		// An earlier subscription by the same address (before the account existed) merges in.
		await tx`delete from public.newsletter_subscribers where email = ${email} and id <> ${own.id}`;
		await tx`update public.newsletter_subscribers set email = ${email}, unsubscribed_at = null,
			confirmed_at = coalesce(confirmed_at, now()) where id = ${own.id}`;
	});
}

/** The token's subscriber stops receiving issues at once (before the next batch). */
export async function unsubscribe(sql: Sql, token: string | null | undefined): Promise<boolean> {
	const id = verifyUnsubscribe(token);
	if (!id) return false;
	const rows = await sql`update public.newsletter_subscribers
		set unsubscribed_at = coalesce(unsubscribed_at, now()) where id = ${id} returning id`;
	return rows.length > 0;
}

export async function activeCount(sql: Sql): Promise<number> {
	const [row] = await sql`select count(*)::int as n from public.newsletter_subscribers
		where confirmed_at is not null and unsubscribed_at is null`;
	return row!.n as number;
}
