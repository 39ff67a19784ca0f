import { getLocale } from '$lib/paraglide/runtime';
import { dateTimeFormat } from '$lib/text/intl';

// Dates in Swedish time whatever the server's or browser's zone, so the page the server
// renders and the one the browser hydrates say the same.

const DATE = { dateStyle: 'medium', timeZone: 'Europe/Stockholm' } as const;

export function formatDate(iso: string): string {
	return dateTimeFormat(getLocale(), DATE).format(new Date(iso));
}
