import * as oidc from 'openid-client';
import type { Sql } from 'postgres';
import { hashToken } from '../auth/tokens.ts';
import { reauthenticate } from '../people/credentials.ts';
import type { Client } from '../platform/request.ts';
import type { Throttled } from '../people/refused.ts';
import { configure } from './client.ts';
import { signIn } from './identities.ts';

// Linking a provider identity to an account that already had the same (provider-verified)
// address: the person proves the account once, then the link is made and they are signed in.
// An account with a password proves it with the password, under the same throttles and
// back-off as any password check. An account without one (made through a provider, say one
// the organization has since replaced) proves it with a one-time link mailed to its address
// (./link-mail.ts): the provider's claim alone never links, that would be account takeover.

export interface Pending {
	userId: string;
	email: string;
	organizationName: string;
	/** Whether the account has a password to prove itself with; else a mailed link. */
	hasPassword: boolean;
	/** Whether a link has been mailed for this flow. */
	mailed: boolean;
}

/** A pending link flow by its cookie's token, with what the proofs need. */
export async function pendingRow(sql: Sql, token: string) {
	const [row] = await sql`select f.user_id, f.provider_id, f.subject, f.id_token, f.return_to,
			f.proof_hash, f.proof_sent_at, a.email, a.locale, o.name as organization_name,
			exists (select 1 from erfa_private.credentials c where c.user_id = f.user_id) as has_password
		from erfa_private.sso_flows f
		join public.accounts a on a.user_id = f.user_id
		join erfa_private.identity_providers p on p.id = f.provider_id
		join public.organizations o on o.id = p.organization_id
		where f.id = ${hashToken(token)} and f.kind = 'link' and f.expires_at > now()`;
	return row;
}
export type PendingRow = NonNullable<Awaited<ReturnType<typeof pendingRow>>>;

export async function pending(sql: Sql, token: string | undefined): Promise<Pending | null> {
	const row = token ? await pendingRow(sql, token) : null;
	return row
		? {
				userId: row.user_id,
				email: row.email,
				organizationName: row.organization_name,
				hasPassword: row.has_password,
				mailed: row.proof_sent_at !== null
			}
		: null;
}

export type Linked =
	| { kind: 'linked'; userId: string; token: string; expiresAt: Date; returnTo: string }
	| { kind: 'expired' | 'wrong_password' }
	| Throttled;

export async function confirm(
	sql: Sql,
	token: string | undefined,
	password: string,
	client: Pick<Client, 'ip' | 'userAgent'>
): Promise<Linked> {
	const row = token ? await pendingRow(sql, token) : null;
	if (!row || !token) return { kind: 'expired' };
	const checked = await reauthenticate(sql, row.user_id, password, client);
	if (checked.kind !== 'ok') return checked;
	return complete(sql, token, row, client);
}

/** The link made once the person has proved the account: the flow is used up, they sign in. */
export async function complete(
	sql: Sql,
	token: string,
	row: PendingRow,
	client: Pick<Client, 'userAgent'>
): Promise<Linked> {
	const [claimed] = await sql`delete from erfa_private.sso_flows where id = ${hashToken(token)}
		returning id`;
	if (!claimed) return { kind: 'expired' };
	await sql`insert into erfa_private.external_identities (provider_id, subject, user_id)
		values (${row.provider_id}, ${row.subject}, ${row.user_id}) on conflict do nothing`;
	const session = await signIn(sql, row.user_id, row.provider_id, {
		idToken: row.id_token,
		userAgent: client.userAgent
	});
	return { kind: 'linked', userId: row.user_id, ...session, returnTo: row.return_to };
}

/** The issuer a session's sign-in came through; null for a password sign-in. */
export async function sessionIssuer(sql: Sql, sessionId: string): Promise<string | null> {
	const [row] = await sql`select p.issuer from erfa_private.sso_sessions s
		join erfa_private.identity_providers p on p.id = s.provider_id
		where s.session_id = ${sessionId}`;
	return row?.issuer ?? null;
}

/**
 * Where to end the person's session at their provider too, when it publishes an end-session
 * endpoint. Look it up before the Erfa session is deleted (the row goes with it).
 */
export async function endSession(
	sql: Sql,
	sessionId: string,
	postLogoutRedirectUri: string
): Promise<{ name: string; url: string } | null> {
	const [row] = await sql`select s.provider_id, s.id_token, o.name
		from erfa_private.sso_sessions s
		join erfa_private.identity_providers p on p.id = s.provider_id
		join public.organizations o on o.id = p.organization_id
		where s.session_id = ${sessionId}`;
	if (!row) return null;
	try {
		const found = await configure(sql, row.provider_id);
		if (!found?.config.serverMetadata().end_session_endpoint) return null;
		const url = oidc.buildEndSessionUrl(found.config, {
			id_token_hint: row.id_token,
			post_logout_redirect_uri: postLogoutRedirectUri
		});
		return { name: row.name, url: url.href };
	} catch {
		return null; // the provider is unreachable: signing out of Erfa still works
	}
}
