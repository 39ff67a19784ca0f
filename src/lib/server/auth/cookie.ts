import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'erfa_session';
/** Carries the just-registered address to the "check your e-mail" page, briefly. */
export const CHECK_EMAIL_COOKIE = 'erfa_check_email';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
