import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signUserToken } from './auth/jwt.ts';
import { readConfig } from './platform/config.ts';

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
	const anonKey = c.SUPABASE_ANON_KEY;
	const jwtSecret = c.SUPABASE_JWT_SECRET;
	if (!anonKey || !jwtSecret || !(c.SUPABASE_URL || c.ERFA_REST_URL)) {
		throw new Error(
			'The REST API is not configured: start Erfa with `npm start` or `npm run dev`.'
		);
	}
	return c.SUPABASE_URL
		? { url: c.SUPABASE_URL, anonKey, jwtSecret }
		: { url: c.ERFA_REST_URL!, anonKey, jwtSecret, restRoot: c.ERFA_REST_URL };
}

export function restFetch(target: RestTarget): typeof fetch {
	if (!target.restRoot) return fetch;
	const prefix = `${target.url}/rest/v1`;
	const root = target.restRoot;
	return (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		return fetch(url.startsWith(prefix) ? root + url.slice(prefix.length) : url, init);
	};
}

function client(target: RestTarget, token: string | null): Db {
	return createClient(target.url, target.anonKey, {
		global: { fetch: restFetch(target) },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		...(token ? { accessToken: async () => token } : {})
	});
}

/** A client that acts as the signed-in person: RLS sees their id in the JWT's `sub`. */
export async function forUser(target: RestTarget, userId: string): Promise<Db> {
	return client(target, await signUserToken(target.jwtSecret, userId));
}

/** A client for anonymous visitors: RLS sees the `anon` role. */
export function anonymous(target: RestTarget): Db {
	return client(target, null);
}
