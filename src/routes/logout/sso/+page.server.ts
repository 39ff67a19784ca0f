import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as sso from '$lib/server/sso';
import type { PageServerLoad } from './$types';

function offered(raw: string | undefined): { name: string; url: string } | null {
	try {
		const value = JSON.parse(raw ?? 'null') as { name?: unknown; url?: unknown } | null;
		if (typeof value?.name !== 'string' || typeof value.url !== 'string') return null;
		return /^https?:\/\//.test(value.url) ? { name: value.name, url: value.url } : null;
	} catch {
		return null;
	}
}

// After signing out of Erfa, offer the provider's own sign-out (its end-session address was
// computed by /logout while the session still existed).
export const load: PageServerLoad = ({ cookies }) => {
	const provider = offered(cookies.get(sso.LOGOUT_COOKIE));
	if (!provider) redirect(303, '/login?loggedOut=1');
	return { title: m.accounts_sso_logout_title(), provider };
};
