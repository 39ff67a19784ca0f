import { getLocale } from '$lib/paraglide/runtime';
import { dateTimeFormat } from '$lib/text/intl';

// Dates in Swedish time whatever the server's or browser's zone, so the page the server
// renders and the one the browser hydrates say the same.

const DATE_TIME = {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'Europe/Stockholm'
} as const;

export function formatDateTime(iso: string): string {
	return dateTimeFormat(getLocale(), DATE_TIME).format(new Date(iso));
}
