import * as oidc from 'openid-client';
import type { Sql } from 'postgres';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { configure, type ClientOptions } from './client.ts';
import { resolve, type Claims, type Resolved } from './identities.ts';

// The authorization code flow with PKCE, state and nonce. What the callback must check is kept
// server-side, keyed by the hash of a random value in a short-lived cookie, and is used once:
// a second callback with the same values (a replayed code) finds nothing.

const FLOW_MINUTES = 10;
export const SCOPE = 'openid email profile';

export interface Started {
	url: URL;
	/** For the flow cookie. */
	token: string;
}

export async function start(
	sql: Sql,
	providerId: string,
	redirectUri: string,
	returnTo: string,
	options: ClientOptions = {}
): Promise<Started | null> {
	const found = await configure(sql, providerId, options);
	if (!found) return null;
	const verifier = oidc.randomPKCECodeVerifier();
	const state = oidc.randomState();
	const nonce = oidc.randomNonce();
	const token = generateToken();
	await sql`insert into erfa_private.sso_flows
			(id, kind, provider_id, state, nonce, code_verifier, return_to, expires_at)
		values (${hashToken(token)}, 'login', ${providerId}, ${state}, ${nonce}, ${verifier},
			${returnTo}, now() + make_interval(mins => ${FLOW_MINUTES}))`;
	const url = oidc.buildAuthorizationUrl(found.config, {
		redirect_uri: redirectUri,
		scope: SCOPE,
		code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	return { url, token };
}

export type Finished = Resolved & { returnTo: string; providerId: string | null; issuer?: string };

async function claimFlow(sql: Sql, token: string) {
	const [flow] = await sql`delete from erfa_private.sso_flows
		where id = ${hashToken(token)} and kind = 'login' returning *`;
	return flow && flow.expires_at > new Date() ? flow : null;
}

/**
 * Completes a sign-in from the provider's redirect. openid-client checks the state, the issuer,
 * the PKCE verifier (at the token endpoint), and the ID token: signature by the provider's
 * published keys, issuer, audience, expiry and nonce. Any failure is a refusal.
 */
export async function finish(
	sql: Sql,
	token: string | undefined,
	callbackUrl: URL,
	at: { redirectUri: string; userAgent: string | null },
	options: ClientOptions = {}
): Promise<Finished> {
	const flow = token ? await claimFlow(sql, token) : null;
	if (!flow) return { kind: 'refused', reason: 'expired', returnTo: '/', providerId: null };
	const base = { returnTo: flow.return_to as string, providerId: flow.provider_id as string };
	const found = await configure(sql, flow.provider_id, options);
	if (!found) return { kind: 'refused', reason: 'expired', ...base };
	try {
		const tokens = await oidc.authorizationCodeGrant(
			found.config,
			callbackUrl,
			{
				pkceCodeVerifier: flow.code_verifier,
				expectedState: flow.state,
				expectedNonce: flow.nonce,
				idTokenExpected: true
			},
			{ redirect_uri: at.redirectUri }
		);
		const claims = tokens.claims() as Claims | undefined;
		if (!claims || !tokens.id_token) throw new Error('no ID token');
		const signed = { idToken: tokens.id_token, userAgent: at.userAgent };
		const resolved = await resolve(sql, found.provider, claims, signed);
		return { ...resolved, ...base, issuer: found.provider.issuer };
	} catch (error) {
		// The library's message names the failed check; it never includes secrets or tokens.
		console.warn(`[sso] sign-in through ${found.provider.issuer} refused: ${describe(error)}`);
		return { kind: 'refused', reason: 'failed', ...base, issuer: found.provider.issuer };
	}
}

function describe(error: unknown): string {
	const e = error as { code?: string; message?: string; error?: string };
	return [e.code, e.error, e.message].filter(Boolean).join(' ').slice(0, 300);
}
