import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';

// Tokens PostgREST accepts: it verifies the signature, switches to the `role` claim and our
// RLS policies read `sub` through erfa.uid(). Per-request user tokens live one minute.

export const USER_TOKEN_SECONDS = 60;

const key = (secret: string) => new TextEncoder().encode(secret);

export function signUserToken(secret: string, userId: string): Promise<string> {
	return new SignJWT({ role: 'authenticated' })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(userId)
		.setAudience('authenticated')
		.setIssuedAt()
		.setExpirationTime(`${USER_TOKEN_SECONDS}s`)
		.sign(key(secret));
}

/**
 * How long an anon key is valid. It is public (GET /api/config hands it to anyone, so a script
 * can use the REST API), and gives only what the `anon` role may read; the expiry bounds how
 * long a copy taken once keeps working. Erfa renews the key it hands out after half that time.
 */
export const ANON_KEY_SECONDS = 30 * 24 * 60 * 60;

/**
 * The public "anon key": a token for the anonymous role, as Supabase issues one, valid for
 * ANON_KEY_SECONDS from `now`. Signed synchronously (HS256, as PostgREST verifies it), so that
 * a current key can be had wherever the REST target is read.
 */
export function mintAnonKey(secret: string, now = Date.now()): string {
	const iat = Math.floor(now / 1000);
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const claims = { role: 'anon', iss: 'erfa', iat, exp: iat + ANON_KEY_SECONDS };
	const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
	return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** An anon key valid for ANON_KEY_SECONDS from now (for callers that keep one for a while). */
export function signAnonKey(secret: string): Promise<string> {
	return Promise.resolve(mintAnonKey(secret));
}

let current: { secret: string; key: string; mintedAt: number } | undefined;

/**
 * The anon key to use and hand out now: the same one for half its lifetime, then a new one, so
 * a key handed out stays valid for at least ANON_KEY_SECONDS / 2 and a long-running process
 * never uses an expired one. Older keys stay valid until their own expiry. A clock set back
 * gets a new key too: PostgREST refuses one issued in the future.
 */
export function currentAnonKey(secret: string, now = Date.now()): string {
	const age = current ? now - current.mintedAt : Infinity;
	if (!current || current.secret !== secret || age < 0 || age >= (ANON_KEY_SECONDS * 1000) / 2) {
		current = { secret, key: mintAnonKey(secret, now), mintedAt: now };
	}
	return current.key;
}
