import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { dateTimeFormat } from '$lib/text/intl';
import type { Attendance, Kind, Mode } from '$lib/events/types';

// Event times in Swedish time whatever the server's or browser's zone (as
// $lib/components/groups/dates.ts), so the server-rendered and hydrated pages agree.

const ZONE = 'Europe/Stockholm';
// Fixed option objects: $lib/text/intl keys its formatters by their identity.
const FORMATS = {
	full: { dateStyle: 'full', timeStyle: 'short', timeZone: ZONE },
	medium: { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }
} as const;

// formatRange itself is the costly part (ICU), and the events pages format the same few events'
// times on every request (issue 17): the texts are kept, a bounded number of them.
const texts = new Map<string, string>();
const KEPT = 5000;

/** "fredag 15 maj 2026 09:00–16:00", or both dates in full when it spans days. */
export function formatWhen(
	startsAt: string,
	endsAt: string,
	style: 'full' | 'medium' = 'full'
): string {
	const locale = getLocale();
	const key = `${locale}|${style}|${startsAt}|${endsAt}`;
	const kept = texts.get(key);
	if (kept !== undefined) return kept;
	const format = dateTimeFormat(locale, FORMATS[style]);
	const text = format.formatRange(new Date(startsAt), new Date(endsAt));
	if (texts.size >= KEPT) texts.clear();
	texts.set(key, text);
	return text;
}

export const isOngoing = (startsAt: string, endsAt: string, now = Date.now()): boolean =>
	new Date(startsAt).getTime() <= now && now <= new Date(endsAt).getTime();

const labels: Record<Kind, () => string> = {
	seminar: m.events_kind_seminar,
	workshop: m.events_kind_workshop,
	conference: m.events_kind_conference,
	meeting: m.events_kind_meeting,
	other: m.events_kind_other
};

export const kindLabel = (kind: Kind): string => labels[kind]();

const modeLabels: Record<Mode, () => string> = {
	on_site: m.meetings_mode_on_site,
	online: m.meetings_mode_online,
	hybrid: m.meetings_mode_hybrid
};

export const modeLabel = (mode: Mode): string => modeLabels[mode]();

export const attendanceLabel = (mode: Attendance): string =>
	mode === 'online' ? m.meetings_attend_online() : m.meetings_attend_on_site();
