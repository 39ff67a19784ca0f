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

/** The public "anon key": a token for the anonymous role, as Supabase issues one. */
export function signAnonKey(secret: string): Promise<string> {
	return new SignJWT({ role: 'anon' })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuer('erfa')
		.setIssuedAt(0)
		.sign(key(secret));
}
