import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '../mail/templates.ts';

/** Who is asking, as far as throttling, session lists and e-mail language need to know. */
export interface Client {
	ip: string;
	userAgent: string | null;
	locale: Locale;
}

/** Who is asking, as far as throttling, session lists and e-mail language need to know. */
export function clientOf(event: RequestEvent): Client {
	let ip = 'unknown';
	try {
		ip = event.getClientAddress();
	} catch {
		// Not available in some test harnesses; throttling then groups such callers together.
	}
	return { ip, userAgent: event.request.headers.get('user-agent'), locale: getLocale() };
}

/**
 * A same-site path to return to after logging in, or the fallback. Printable ASCII only: it
 * becomes a Location header, which cannot carry other characters (a page's own address is
 * percent-encoded, so nothing real is lost).
 */
export function safeReturnTo(value: string | null, fallback = '/'): string {
	return value && /^\/(?!\/)[!-[\]-~]*$/.test(value) ? value : fallback;
}
