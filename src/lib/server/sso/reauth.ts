import type { Sql } from 'postgres';
import { mark } from '../auth/recent.ts';
import type { SsoRefusal } from '../../sso/types.ts';
import type { ProviderRow } from './client.ts';
import type { Claims } from './identities.ts';

// Re-authentication for an account without a password: a fresh sign-in at its provider
// (prompt=login, max_age=0; flow.ts). The callback accepts it only for the session that asked,
// only when the provider's subject is linked to that very person, and only when the ID token's
// auth_time says the person signed in after the flow began: a provider that quietly reused its
// own session (ignoring prompt=login) does not count as proving anything again.

/** Clocks of Erfa and the provider may differ a little. */
const SKEW_SECONDS = 5;

export type Reauthenticated =
	{ kind: 'reauthenticated'; userId: string } | { kind: 'refused'; reason: SsoRefusal };

export interface ReauthFlow {
	user_id: string;
	session_id: string;
	created_at: Date;
}

export async function confirmFresh(
	sql: Sql,
	flow: ReauthFlow,
	provider: ProviderRow,
	claims: Claims & { auth_time?: unknown },
	sessionId: string | null | undefined
): Promise<Reauthenticated> {
	if (!sessionId || flow.session_id !== sessionId) {
		return { kind: 'refused', reason: 'reauth_session' };
	}
	const [linked] = await sql`select 1 from erfa_private.external_identities
		where provider_id = ${provider.id} and subject = ${claims.sub} and user_id = ${flow.user_id}`;
	if (!linked) return { kind: 'refused', reason: 'reauth_other_account' };
	const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : 0;
	if (authTime < flow.created_at.getTime() / 1000 - SKEW_SECONDS) {
		return { kind: 'refused', reason: 'reauth_not_fresh' };
	}
	await mark(sql, sessionId);
	return { kind: 'reauthenticated', userId: flow.user_id };
}

export interface ReauthProvider {
	id: string;
	/** The organization's name, as "Logga in med …" says it. */
	name: string;
}

/**
 * Where a person re-authenticates when they have no password: the provider of the current
 * session, else the one they were linked to last. Null when they have a password (it is
 * asked for instead) or no provider any longer (an administrator removed it).
 */
export async function providerFor(
	sql: Sql,
	userId: string,
	sessionId: string
): Promise<ReauthProvider | null> {
	const [row] = await sql`select p.id, o.name
		from erfa_private.external_identities e
		join erfa_private.identity_providers p on p.id = e.provider_id
		join public.organizations o on o.id = p.organization_id
		left join erfa_private.sso_sessions s on s.provider_id = p.id and s.session_id = ${sessionId}
		where e.user_id = ${userId}
			and not exists (select 1 from erfa_private.credentials c where c.user_id = ${userId})
		order by s.session_id is null, e.created_at desc
		limit 1`;
	return row ? { id: row.id, name: row.name } : null;
}
