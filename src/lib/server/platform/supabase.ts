import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { currentAnonKey, signUserToken, USER_TOKEN_SECONDS } from '../auth/jwt.ts';
import { readConfig } from './config.ts';
import { restRequest } from './rest-client.ts';
import { fifoGate, REST_POOL } from './rest-gate.ts';

// supabase-js clients bound to one caller. For the bundled PostgREST (which serves at its
// root) a small fetch wrapper maps supabase-js's `/rest/v1` paths onto it; with a hosted
// Supabase project requests go to SUPABASE_URL unchanged.

export type Db = SupabaseClient;

export interface RestTarget {
	url: string;
	anonKey: string;
	jwtSecret: string;
	/** Bundled PostgREST root, when not using a hosted project. */
	restRoot?: string;
}

export function restTargetFromEnv(): RestTarget {
	const c = readConfig();
	const jwtSecret = c.SUPABASE_JWT_SECRET;
	// A hosted project's anon key is its own (readConfig insists on it and on the secret).
	if (c.SUPABASE_URL) {
		return { url: c.SUPABASE_URL, anonKey: c.SUPABASE_ANON_KEY!, jwtSecret: jwtSecret! };
	}
	if (!jwtSecret || !c.ERFA_REST_URL) {
		throw new Error(
			'The REST API is not configured: start Erfa with `npm start` or `npm run dev`.'
		);
	}
	// The bundled PostgREST trusts our secret, so the anon key is minted here and renewed before
	// it expires (jwt.ts); read on every use, it is never an old one.
	return {
		url: c.ERFA_REST_URL,
		restRoot: c.ERFA_REST_URL,
		jwtSecret,
		get anonKey() {
			return currentAnonKey(jwtSecret);
		}
	};
}

// One gate for the process: every caller's client shares the bundled PostgREST (rest-gate.ts).
const restGate = fifoGate(REST_POOL);

export function restFetch(target: RestTarget): typeof fetch {
	if (!target.restRoot) return fetch;
	const prefix = `${target.url}/rest/v1`;
	const root = target.restRoot;
	return (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		// Released when the response has arrived: PostgREST has then ended its transaction.
		return restGate(() =>
			restRequest(url.startsWith(prefix) ? root + url.slice(prefix.length) : url, init)
		);
	};
}

/**
 * A page past the end of a counted list (`?page=999`, an old link) is an empty page. PostgREST
 * refuses it with 416 (PGRST103), which every list would otherwise have to tell from a real
 * failure; its Content-Range still carries the total, which supabase-js reads from a 200.
 */
export function emptyPastTheEnd(inner: typeof fetch): typeof fetch {
	return async (input, init) => {
		const response = await inner(input, init);
		if (response.status !== 416) return response;
		const error = (await response
			.clone()
			.json()
			.catch(() => null)) as { code?: string } | null;
		if (error?.code !== 'PGRST103') return response;
		return new Response('[]', { status: 200, headers: response.headers });
	};
}

function client(target: RestTarget, token: () => string): Db {
	return createClient(target.url, target.anonKey, {
		global: { fetch: emptyPastTheEnd(restFetch(target)) },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		accessToken: async () => token()
	});
}

// A person's token is used for half its lifetime, by every request they make meanwhile, so
// PostgREST verifies it once (its JWT cache, postgrest.ts) instead of on every call, and it is
// not signed again for each page (issue 17). It carries only the role and the person's id; RLS
// reads everything else live.
// Kept by person, so bounded: an expired token is dropped as soon as another is stored, and at
// most MAX_TOKENS are kept (the oldest go first), whatever the number of people signed in.
export const REUSE_MS = (USER_TOKEN_SECONDS * 1000) / 2;
export const MAX_TOKENS = 10_000;
const tokens = new Map<string, { token: Promise<string>; until: number }>();

export function tokenFor(target: RestTarget, userId: string, now = Date.now()): Promise<string> {
	const key = `${target.url}\n${userId}`;
	const kept = tokens.get(key);
	if (kept && kept.until > now) return kept.token;
	const token = signUserToken(target.jwtSecret, userId);
	// Stored last, so the map stays in the order the tokens expire: the oldest come first.
	tokens.delete(key);
	tokens.set(key, { token, until: now + REUSE_MS });
	for (const [k, v] of tokens) {
		if (tokens.size <= MAX_TOKENS && v.until > now) break;
		tokens.delete(k);
	}
	return token;
}

/** How many tokens are kept (for the tests of the bound). */
export const keptTokens = () => tokens.size;

/** A client that acts as the signed-in person: RLS sees their id in the JWT's `sub`. */
export async function forUser(target: RestTarget, userId: string): Promise<Db> {
	const token = await tokenFor(target, userId);
	return client(target, () => token);
}

/**
 * A client for anonymous visitors: RLS sees the `anon` role. It may live as long as the process
 * (hooks.server.ts keeps one), so the key is read for each request, renewed as it is.
 */
export function anonymous(target: RestTarget): Db {
	return client(target, () => target.anonKey);
}
