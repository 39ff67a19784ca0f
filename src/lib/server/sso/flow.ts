import * as oidc from 'openid-client';
import type { Sql } from 'postgres';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { configure, type ClientOptions, type ProviderRow } from './client.ts';
import { resolve, type Claims, type Resolved } from './identities.ts';
import { confirmFresh, type ReauthFlow, type Reauthenticated } from './reauth.ts';

// The authorization code flow with PKCE, state and nonce. What the callback must check is kept
// server-side, keyed by the hash of a random value in a short-lived cookie, and is used once:
// a second callback with the same values (a replayed code) finds nothing. The same flow serves
// a sign-in and a re-authentication (kind 'reauth': a fresh sign-in at the provider for the
// person already signed in, see reauth.ts).

const FLOW_MINUTES = 10;
export const SCOPE = 'openid email profile';

export interface Started {
	url: URL;
	/** For the flow cookie. */
	token: string;
}

/** Whose session a re-authentication is for; absent for a sign-in. */
export interface ReauthFor {
	userId: string;
	sessionId: string;
}

export async function start(
	sql: Sql,
	providerId: string,
	redirectUri: string,
	returnTo: string,
	options: ClientOptions = {},
	reauth?: ReauthFor
): Promise<Started | null> {
	const found = await configure(sql, providerId, options);
	if (!found) return null;
	const verifier = oidc.randomPKCECodeVerifier();
	const state = oidc.randomState();
	const nonce = oidc.randomNonce();
	const token = generateToken();
	await sql`insert into erfa_private.sso_flows (id, kind, provider_id, state, nonce,
			code_verifier, return_to, user_id, session_id, expires_at)
		values (${hashToken(token)}, ${reauth ? 'reauth' : 'login'}, ${providerId}, ${state},
			${nonce}, ${verifier}, ${returnTo}, ${reauth?.userId ?? null}, ${reauth?.sessionId ?? null},
			now() + make_interval(mins => ${FLOW_MINUTES}))`;
	const url = oidc.buildAuthorizationUrl(found.config, {
		redirect_uri: redirectUri,
		scope: SCOPE,
		code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256',
		state,
		nonce,
		// The provider must ask the person again, whatever session it has with them.
		...(reauth ? { prompt: 'login', max_age: '0' } : {})
	});
	return { url, token };
}

export type Finished = (Resolved | Reauthenticated) & {
	/** Absent when the flow was not found (expired, replayed). */
	purpose?: 'login' | 'reauth';
	returnTo: string;
	providerId: string | null;
	issuer?: string;
};

export interface Arrival {
	redirectUri: string;
	userAgent: string | null;
	/** The Erfa session the browser arrived with (a re-authentication must be for it). */
	sessionId?: string | null;
}

async function claimFlow(sql: Sql, token: string) {
	const [flow] = await sql`delete from erfa_private.sso_flows
		where id = ${hashToken(token)} and kind in ('login', 'reauth') returning *`;
	return flow && flow.expires_at > new Date() ? flow : null;
}

type Flow = NonNullable<Awaited<ReturnType<typeof claimFlow>>>;

async function exchange(config: oidc.Configuration, flow: Flow, url: URL, redirectUri: string) {
	const tokens = await oidc.authorizationCodeGrant(
		config,
		url,
		{
			pkceCodeVerifier: flow.code_verifier,
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			idTokenExpected: true,
			// max_age=0 was asked: auth_time must be present and now (the library's clock
			// tolerance, 30 s); reauth.ts also requires it to be after the flow began.
			...(flow.kind === 'reauth' ? { maxAge: 0 } : {})
		},
		{ redirect_uri: redirectUri }
	);
	const claims = tokens.claims() as Claims | undefined;
	if (!claims || !tokens.id_token) throw new Error('no ID token');
	return { claims, idToken: tokens.id_token };
}

async function conclude(sql: Sql, flow: Flow, provider: ProviderRow, got: Got, at: Arrival) {
	if (flow.kind === 'reauth')
		return confirmFresh(sql, flow as unknown as ReauthFlow, provider, got.claims, at.sessionId);
	const signed = { idToken: got.idToken, userAgent: at.userAgent, returnTo: flow.return_to };
	return resolve(sql, provider, got.claims, signed);
}
type Got = Awaited<ReturnType<typeof exchange>>;

/**
 * Completes a sign-in (or re-authentication) from the provider's redirect. openid-client checks
 * the state, the issuer, the PKCE verifier (at the token endpoint), and the ID token: signature
 * by the provider's published keys, issuer, audience, expiry, nonce (and auth_time for a
 * re-authentication). Any failure is a refusal.
 */
export async function finish(
	sql: Sql,
	token: string | undefined,
	callbackUrl: URL,
	at: Arrival,
	options: ClientOptions = {}
): Promise<Finished> {
	const flow = token ? await claimFlow(sql, token) : null;
	if (!flow) return { kind: 'refused', reason: 'expired', returnTo: '/', providerId: null };
	const base = {
		purpose: flow.kind === 'reauth' ? ('reauth' as const) : ('login' as const),
		returnTo: flow.return_to as string,
		providerId: flow.provider_id as string
	};
	const found = await configure(sql, flow.provider_id, options);
	if (!found) return { kind: 'refused', reason: 'expired', ...base };
	const issuer = found.provider.issuer;
	try {
		const got = await exchange(found.config, flow, callbackUrl, at.redirectUri);
		return { ...(await conclude(sql, flow, found.provider, got, at)), ...base, issuer };
	} catch (error) {
		// The library's message names the failed check; it never includes secrets or tokens.
		console.warn(`[sso] sign-in through ${issuer} refused: ${describe(error)}`);
		return { kind: 'refused', reason: 'failed', ...base, issuer };
	}
}

function describe(error: unknown): string {
	const e = error as { code?: string; message?: string; error?: string };
	return [e.code, e.error, e.message].filter(Boolean).join(' ').slice(0, 300);
}
