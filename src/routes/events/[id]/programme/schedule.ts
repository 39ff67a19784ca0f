import { getLocale } from '$lib/paraglide/runtime';
import type { Session } from '$lib/events/types';

// The programme as days (Swedish time), and within a day by time or by track.

const ZONE = 'Europe/Stockholm';

export interface Day<T> {
	key: string;
	label: string;
	sessions: T[];
}

export function byDay<T extends Pick<Session, 'startsAt'>>(sessions: T[]): Day<T>[] {
	const key = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short' });
	const label = new Intl.DateTimeFormat(getLocale(), { timeZone: ZONE, dateStyle: 'full' });
	const days = new Map<string, Day<T>>();
	for (const s of sessions) {
		const k = key.format(new Date(s.startsAt));
		if (!days.has(k))
			days.set(k, { key: k, label: label.format(new Date(s.startsAt)), sessions: [] });
		days.get(k)!.sessions.push(s);
	}
	return [...days.values()];
}

/** Sessions grouped by track; what belongs to everyone (breaks, plenaries) comes first. */
export function byTrack<T extends Pick<Session, 'track'>>(sessions: T[]): [string, T[]][] {
	const tracks = new Map<string, T[]>();
	for (const s of sessions) tracks.set(s.track, [...(tracks.get(s.track) ?? []), s]);
	return [...tracks.entries()].sort(([a], [b]) =>
		a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'sv')
	);
}

export function timeRange(startsAt: string, endsAt: string): string {
	const format = new Intl.DateTimeFormat(getLocale(), { timeZone: ZONE, timeStyle: 'short' });
	return format.formatRange(new Date(startsAt), new Date(endsAt));
}

export function fileSize(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return mb >= 1
		? `${mb.toLocaleString(getLocale(), { maximumFractionDigits: 1 })} MB`
		: `${Math.ceil(bytes / 1024)} kB`;
}
