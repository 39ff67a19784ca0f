import { getLocale } from '$lib/paraglide/runtime';

/** "6 december 2026" / "6 December 2026", in Swedish time. */
export function longDate(iso: string | Date): string {
	return new Intl.DateTimeFormat(getLocale() === 'sv' ? 'sv-SE' : 'en-GB', {
		dateStyle: 'long',
		timeZone: 'Europe/Stockholm'
	}).format(new Date(iso));
}
