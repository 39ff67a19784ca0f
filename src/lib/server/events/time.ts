// Swedish wall-clock time ↔ instants. Events are entered as local times in Sweden (a
// datetime-local input has no zone) and stored as timestamptz; the server's own zone must not
// matter, and summer time must be right on both sides of its changes. No $lib imports: the demo
// seed runs this file with plain Node.

export const ZONE = 'Europe/Stockholm';

const wallFormat = new Intl.DateTimeFormat('en-US', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function wallAt(ms: number): Wall & { second: number } {
	const parts = Object.fromEntries(
		wallFormat.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)])
	);
	return {
		year: parts.year!,
		month: parts.month!,
		day: parts.day!,
		hour: parts.hour!,
		minute: parts.minute!,
		second: parts.second!
	};
}

/** Sweden's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
	const w = wallAt(ms);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a Swedish wall-clock time. Like Temporal's "compatible" choice: a time that
 * occurs twice (the autumn hour) is the first of the two; a time that does not exist (the spring
 * gap) moves forward by the length of the gap (02:30 → 03:30).
 */
export function fromWall(w: Wall): Date {
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	const day = 24 * 3600 * 1000;
	const before = offsetAt(asUtc - day);
	const after = offsetAt(asUtc + day);
	const matches = [...new Set([before, after])]
		.map((offset) => asUtc - offset)
		.filter((ms) => {
			const got = wallAt(ms);
			return got.hour === w.hour && got.minute === w.minute && got.day === w.day;
		})
		.sort((a, b) => a - b);
	return new Date(matches[0] ?? asUtc - before);
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** A datetime-local value ("2026-05-15T09:00") read as Swedish time; null when malformed. */
export function fromLocalInput(value: string): Date | null {
	const match = localPattern.exec(value.trim());
	if (!match) return null;
	const [year, month, day, hour, minute] = match.slice(1).map(Number) as number[];
	const wall = { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
	const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
	if (probe.getUTCMonth() !== wall.month - 1 || probe.getUTCDate() !== wall.day) return null;
	if (wall.hour > 23 || wall.minute > 59 || wall.year < 2000 || wall.year > 2100) return null;
	return fromWall(wall);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a datetime-local input, in Swedish time. */
export function toLocalInput(instant: Date | string): string {
	const w = wallAt(new Date(instant).getTime());
	return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The first time after `now` that it is `month`/`day` `hour`:`minute` in Sweden. */
export function nextWall(now: Date, month: number, day: number, hour: number, minute = 0): Date {
	const year = wallAt(now.getTime()).year;
	const thisYear = fromWall({ year, month, day, hour, minute });
	return thisYear > now ? thisYear : fromWall({ year: year + 1, month, day, hour, minute });
}

/** The Swedish calendar day of an instant. */
export function swedishDay(instant: Date): { year: number; month: number; day: number } {
	const { year, month, day } = wallAt(instant.getTime());
	return { year, month, day };
}
