import { getLocale } from '$lib/paraglide/runtime';

// Dates in Swedish time whatever the server's or browser's zone, so the page the server
// renders and the one the browser hydrates say the same.

export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeZone: 'Europe/Stockholm'
	}).format(new Date(iso));
}
