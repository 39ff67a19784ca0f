// One event as an iCalendar file (RFC 5545), for "add to my calendar". Times are written in UTC
// (the "Z" form), which every calendar converts to its own zone.

export interface CalendarEvent {
	id: string;
	title: string;
	description: string;
	startsAt: string;
	endsAt: string;
	location: string | null;
	onlineUrl: string | null;
	updatedAt: string;
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character. */
export function fold(line: string): string {
	const out: string[] = [];
	let current = '';
	let bytes = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines start with a space, which counts towards their 75 octets.
		const limit = out.length === 0 ? 75 : 74;
		if (bytes + size > limit) {
			out.push(current);
			current = '';
			bytes = 0;
		}
		current += char;
		bytes += size;
	}
	out.push(current);
	return out.join('\r\n ');
}

/** 2026-05-15T07:00:00.000Z → 20260515T070000Z */
export function utcStamp(instant: string | Date): string {
	return new Date(instant)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** A programme item, written as its own VEVENT after the event's (breaks are left out). */
export interface CalendarSession {
	id: string;
	title: string;
	startsAt: string;
	endsAt: string;
	room: string;
	track: string;
	speakers: string[];
}

function sessionLines(s: CalendarSession, event: CalendarEvent, host: string): string[] {
	const where = [s.room, event.location].filter(Boolean).join(', ');
	const about = [s.track, s.speakers.join(', ')].filter(Boolean).join('\n');
	return [
		'BEGIN:VEVENT',
		`UID:${s.id}@${host}`,
		`DTSTAMP:${utcStamp(event.updatedAt)}`,
		`DTSTART:${utcStamp(s.startsAt)}`,
		`DTEND:${utcStamp(s.endsAt)}`,
		`SUMMARY:${escapeText(`${s.title} – ${event.title}`)}`,
		...(about ? [`DESCRIPTION:${escapeText(about)}`] : []),
		...(where ? [`LOCATION:${escapeText(where)}`] : []),
		'END:VEVENT'
	];
}

/** Several events in one calendar (the personal feed), each its own VEVENT. */
export function feedCalendar(events: CalendarEvent[], origin: string, host: string, name: string) {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Erfa//Evenemang//SV',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(name)}`,
		...events.flatMap((e) => {
			const location = [e.location, e.onlineUrl].filter(Boolean).join(', ');
			return [
				'BEGIN:VEVENT',
				`UID:${e.id}@${host}`,
				`DTSTAMP:${utcStamp(e.updatedAt)}`,
				`DTSTART:${utcStamp(e.startsAt)}`,
				`DTEND:${utcStamp(e.endsAt)}`,
				`SUMMARY:${escapeText(e.title)}`,
				...(location ? [`LOCATION:${escapeText(location)}`] : []),
				`URL:${origin}/events/${e.id}`,
				'END:VEVENT'
			];
		}),
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}

export function calendar(
	event: CalendarEvent,
	pageUrl: string,
	host: string,
	sessions: CalendarSession[] = []
): string {
	const location = [event.location, event.onlineUrl].filter(Boolean).join(', ');
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Erfa//Evenemang//SV',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${event.id}@${host}`,
		`DTSTAMP:${utcStamp(event.updatedAt)}`,
		`DTSTART:${utcStamp(event.startsAt)}`,
		`DTEND:${utcStamp(event.endsAt)}`,
		`SUMMARY:${escapeText(event.title)}`,
		...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
		...(location ? [`LOCATION:${escapeText(location)}`] : []),
		`URL:${pageUrl}`,
		'END:VEVENT',
		...sessions.flatMap((s) => sessionLines(s, event, host)),
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}
