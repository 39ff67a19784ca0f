import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { dateTimeFormat, numberFormat } from '$lib/text/intl';

// Display helpers for the experience pages, the same on the server and in the browser.

const MONTH = { month: 'long', year: 'numeric', timeZone: 'UTC' } as const;

/** "mars 2024" from an ISO date; periods are chosen by month. UTC so no zone moves the day. */
export function formatMonth(iso: string): string {
	return dateTimeFormat(getLocale(), MONTH).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function formatPeriod(start: string | null, end: string | null): string | null {
	if (start && end) {
		const [from, to] = [formatMonth(start), formatMonth(end)];
		return from === to ? from : m.experiences_period_range({ from, to });
	}
	if (start) return m.experiences_period_from({ from: formatMonth(start) });
	if (end) return m.experiences_period_until({ to: formatMonth(end) });
	return null;
}

/** "1,2 MB", "340 kB" in the reader's language. */
export function formatSize(bytes: number): string {
	const units = ['byte', 'kilobyte', 'megabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return numberFormat(getLocale(), {
		style: 'unit',
		unit: units[unit],
		unitDisplay: 'short',
		maximumFractionDigits: unit === 0 ? 0 : 1
	}).format(value);
}

const typeNames: Record<string, string> = {
	'application/pdf': 'PDF',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'image/gif': 'GIF',
	'image/webp': 'WebP'
};

export const typeName = (mediaType: string) => typeNames[mediaType] ?? mediaType;

/** "2024-03" for a month input from a stored ISO date. */
export const monthValue = (iso: string | null) => (iso ? iso.slice(0, 7) : '');
