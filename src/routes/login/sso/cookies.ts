import type { Cookies } from '@sveltejs/kit';

// The short-lived cookies of a sign-in through an identity provider: the flow under way (read
// by the callback) and a pending link (read by the link page). Lax, so that the provider's
// top-level redirect back carries them; httpOnly, so scripts never see them.

export function setFlowCookie(cookies: Cookies, url: URL, name: string, value: string) {
	cookies.set(name, value, {
		path: '/login/sso',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 15 * 60
	});
}

export function clearFlowCookie(cookies: Cookies, url: URL, name: string) {
	cookies.delete(name, { path: '/login/sso', secure: url.protocol === 'https:' });
}
