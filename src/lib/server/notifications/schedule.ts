// When digests are due: daily at 07:00 and weekly on Mondays at 07:00, Swedish time, whatever
// the server's own time zone. Pure functions of "now", so tests can ask about any moment.

export type DigestKind = 'daily' | 'weekly';

export const ZONE = 'Europe/Stockholm';
const HOUR = 7;
const DAY_MS = 86_400_000;

// A digest that could not go out at its time (the app was down) still goes out when the app
// comes back within this long; later than that, the next one carries the notifications.
export const CATCH_UP_MS: Record<DigestKind, number> = {
	daily: 6 * 3_600_000,
	weekly: DAY_MS
};

const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** The wall-clock date and time in Sweden at this instant. */
function local(at: Date) {
	const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
	return {
		year: p.year!,
		month: p.month!,
		day: p.day!,
		hour: p.hour!,
		minute: p.minute!,
		second: p.second!
	};
}

/** How far Swedish wall-clock time is ahead of UTC at this instant (1 or 2 hours). */
function offsetMs(at: Date): number {
	const l = local(at);
	const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
	return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant when Swedish clocks show `hour`:00 on the calendar day `day` (a UTC midnight). */
function atSwedishHour(day: number, hour: number): Date {
	const wall = day + hour * 3_600_000;
	const first = wall - offsetMs(new Date(wall));
	// Once more with the offset at the answer, in case the guess sat across a DST change.
	return new Date(wall - offsetMs(new Date(first)));
}

/** The latest moment a digest of this kind was due, at or before `now`. */
export function lastDue(kind: DigestKind, now: Date): Date {
	const l = local(now);
	let day = Date.UTC(l.year, l.month - 1, l.day);
	if (kind === 'weekly') day -= ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS; // back to Monday
	const step = kind === 'weekly' ? 7 * DAY_MS : DAY_MS;
	let due = atSwedishHour(day, HOUR);
	if (due > now) {
		day -= step;
		due = atSwedishHour(day, HOUR);
	}
	return due;
}

/** The period to send now, or null when the last one is too long ago to catch up on. */
export function duePeriod(kind: DigestKind, now: Date): Date | null {
	const due = lastDue(kind, now);
	return now.getTime() - due.getTime() <= CATCH_UP_MS[kind] ? due : null;
}
