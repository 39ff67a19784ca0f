import type { Sql } from 'postgres';
import * as sessions from '../auth/sessions.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import type { SsoRefusal } from '../../sso/types.ts';
import type { ProviderRow } from './client.ts';
import { domainOf } from './providers.ts';

// Who an ID token's person is in Erfa. A provider's subject that signed in before goes to its
// account. Otherwise the address decides, and only an address in a domain mapped to this very
// provider counts: a new address gets a new account (organization from the provider); an
// address that already has an account is linked only when the provider asserts it verified,
// and only after the person proves the account's password (identities are never merged on
// an unverified or foreign claim: that would be account takeover).

export interface Claims {
	sub: string;
	email?: unknown;
	email_verified?: unknown;
	name?: unknown;
	given_name?: unknown;
	family_name?: unknown;
}

export type Resolved =
	| { kind: 'signed_in'; userId: string; token: string; expiresAt: Date; created: boolean }
	| { kind: 'link'; userId: string; token: string }
	| { kind: 'refused'; reason: SsoRefusal };

const LINK_MINUTES = 15;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function nameFrom(claims: Claims, email: string): string {
	const full = text(claims.name) || `${text(claims.given_name)} ${text(claims.family_name)}`.trim();
	return (full || email.slice(0, email.indexOf('@'))).slice(0, 120);
}

/** Starts an Erfa session that remembers its provider (for the provider's sign-out). */
export async function signIn(
	sql: Sql,
	userId: string,
	providerId: string,
	token: { idToken: string; userAgent: string | null }
) {
	const { idToken, userAgent } = token;
	const session = await sessions.create(sql, userId, userAgent);
	await sql`insert into erfa_private.sso_sessions (session_id, provider_id, id_token)
		values (${hashToken(session.token)}, ${providerId}, ${idToken})`;
	return session;
}

async function linked(sql: Sql, provider: ProviderRow, sub: string) {
	const [row] = await sql`select e.user_id, p.deactivated_at from erfa_private.external_identities e
		join public.profiles p on p.id = e.user_id
		where e.provider_id = ${provider.id} and e.subject = ${sub}`;
	return row as { user_id: string; deactivated_at: Date | null } | undefined;
}

async function createAccount(sql: Sql, provider: ProviderRow, claims: Claims, email: string) {
	return sql.begin(async (tx) => {
		const [profile] = await tx`insert into public.profiles (name, organization_id)
			values (${nameFrom(claims, email)}, ${provider.organizationId}) returning id`;
		const verifiedAt = claims.email_verified === true ? new Date() : null;
		await tx`insert into public.accounts (user_id, email, email_verified_at)
			values (${profile!.id}, ${email}, ${verifiedAt})`;
		// No credentials row: a provider-backed account has no password of its own.
		await tx`insert into erfa_private.external_identities (provider_id, subject, user_id)
			values (${provider.id}, ${claims.sub}, ${profile!.id})`;
		return profile!.id as string;
	});
}

/** Which provider may speak for an address: a refusal, or null when it is this one. */
async function domainRefusal(sql: Sql, provider: ProviderRow, email: string) {
	const [mapped] = await sql`select provider_id from erfa_private.identity_provider_domains
		where domain = ${domainOf(email)}`;
	if (!mapped) return 'unknown_domain' as const;
	return mapped.provider_id === provider.id ? null : ('domain_elsewhere' as const);
}

export async function resolve(
	sql: Sql,
	provider: ProviderRow,
	claims: Claims,
	signed: { idToken: string; userAgent: string | null; returnTo?: string }
): Promise<Resolved> {
	const known = await linked(sql, provider, claims.sub);
	if (known?.deactivated_at) return { kind: 'refused', reason: 'deactivated' };
	if (known) {
		const session = await signIn(sql, known.user_id, provider.id, signed);
		return { kind: 'signed_in', userId: known.user_id, ...session, created: false };
	}
	const email = text(claims.email).toLowerCase();
	if (!email.includes('@')) return { kind: 'refused', reason: 'no_email' };
	const refusal = await domainRefusal(sql, provider, email);
	if (refusal) return { kind: 'refused', reason: refusal };
	const [account] = await sql`select a.user_id, p.deactivated_at from public.accounts a
		join public.profiles p on p.id = a.user_id where a.email = ${email}`;
	if (!account) {
		const userId = await createAccount(sql, provider, claims, email);
		const session = await signIn(sql, userId, provider.id, signed);
		return { kind: 'signed_in', userId, ...session, created: true };
	}
	if (claims.email_verified !== true) return { kind: 'refused', reason: 'unverified' };
	if (account.deactivated_at) return { kind: 'refused', reason: 'deactivated' };
	const token = generateToken();
	// Where the sign-in was going, for after the link.
	await sql`insert into erfa_private.sso_flows (id, kind, provider_id, user_id, subject, id_token,
			return_to, expires_at)
		values (${hashToken(token)}, 'link', ${provider.id}, ${account.user_id}, ${claims.sub},
			${signed.idToken}, ${signed.returnTo ?? '/'}, now() + make_interval(mins => ${LINK_MINUTES}))`;
	return { kind: 'link', userId: account.user_id, token };
}
