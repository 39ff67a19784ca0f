import * as oidc from 'openid-client';
import type { Sql } from 'postgres';
import { readConfig } from '../platform/config.ts';
import { decrypt } from '../platform/encryption.ts';
import { SECRET_PURPOSE } from './providers.ts';

// The relying party's view of one identity provider, through openid-client (a certified
// implementation): discovery from the issuer, the client secret decrypted only here and only
// to authenticate to the token endpoint, and ID tokens checked against the provider's
// published keys (enableNonRepudiationChecks), not only trusted for arriving over TLS.

export interface ProviderRow {
	id: string;
	issuer: string;
	organizationId: string;
	organizationName: string;
}

/** Test seams: a fetch that can see or change what the provider answers. */
export interface ClientOptions {
	fetch?: oidc.CustomFetch;
}

/**
 * Plain http is for the tests' local provider only: it needs openid-client's explicit
 * allowInsecureRequests, which is applied only when ERFA_SSO_ALLOW_HTTP_LOOPBACK is set and
 * the issuer is on the loopback interface. Anything else must be https.
 */
export function insecureAllowed(issuer: URL): boolean {
	const loopback = issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost';
	return (
		issuer.protocol === 'http:' && loopback && readConfig().ERFA_SSO_ALLOW_HTTP_LOOPBACK === '1'
	);
}

export async function providerRow(sql: Sql, id: string) {
	const [row] = await sql`select p.id, p.issuer, p.client_id, p.client_secret_encrypted,
			p.organization_id, o.name as organization_name
		from erfa_private.identity_providers p join public.organizations o on o.id = p.organization_id
		where p.id = ${id}`;
	return row;
}

/** Discovers the provider and returns a client configuration for it. */
export async function configure(
	sql: Sql,
	id: string,
	options: ClientOptions = {}
): Promise<{ config: oidc.Configuration; provider: ProviderRow } | null> {
	const row = await providerRow(sql, id);
	if (!row) return null;
	const issuer = new URL(row.issuer);
	const execute = [oidc.enableNonRepudiationChecks];
	if (insecureAllowed(issuer)) execute.unshift(oidc.allowInsecureRequests);
	const secret = decrypt(row.client_secret_encrypted, SECRET_PURPOSE);
	const config = await oidc.discovery(
		issuer,
		row.client_id,
		secret,
		oidc.ClientSecretPost(secret),
		{ execute, ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}) }
	);
	return {
		config,
		provider: {
			id: row.id,
			issuer: row.issuer,
			organizationId: row.organization_id,
			organizationName: row.organization_name
		}
	};
}
