import type { Sql } from 'postgres';
import { sql as pool } from '$lib/server/platform';
import { deliverInstant, runDigest } from './delivery.ts';
import { duePeriod, type DigestKind } from './schedule.ts';

// The clock inside the app process: every few seconds it e-mails new notifications to people
// who chose "at once", and every minute it checks whether a daily or weekly digest is due.
// Every process runs it; delivery.ts makes sure each mail still goes out only once. Timers
// are unref'ed so they never keep a process (or a test run) alive.

const INSTANT_EVERY_MS = 15_000;
const DIGEST_EVERY_MS = 60_000;
const KINDS: DigestKind[] = ['daily', 'weekly'];

/**
 * Runs whichever digests are due at `now`; returns how many mails each kind queued (null:
 * not due, or another process had it). `seen` remembers the periods already handled, so a
 * scheduler's minute tick does not ask the database again and again.
 */
export async function runDueDigests(
	sql: Sql,
	now: Date,
	seen = new Map<DigestKind, number>()
): Promise<Record<DigestKind, number | null>> {
	const result: Record<DigestKind, number | null> = { daily: null, weekly: null };
	for (const kind of KINDS) {
		const period = duePeriod(kind, now);
		if (!period || seen.get(kind) === period.getTime()) continue;
		result[kind] = await runDigest(sql, kind, period, now);
		seen.set(kind, period.getTime());
	}
	return result;
}

export interface SchedulerOptions {
	/** The clock (tests pass a fixed time). */
	now?: () => Date;
	/** The database (defaults to the app's privileged pool). */
	sql?: () => Sql;
}

let timers: NodeJS.Timeout[] = [];
const busy = new Set<string>();

async function guarded(what: string, work: () => Promise<unknown>) {
	// One pass of each job at a time; a slow pass makes the next tick skip, not pile up.
	if (busy.has(what)) return;
	busy.add(what);
	try {
		await work();
	} catch (error) {
		console.error(`[notifications] ${what} failed`, error);
	} finally {
		busy.delete(what);
	}
}

export function start(options: SchedulerOptions = {}): void {
	if (timers.length) return;
	const now = options.now ?? (() => new Date());
	const db = options.sql ?? pool;
	const seen = new Map<DigestKind, number>();
	const instant = () => void guarded('instant e-mail', () => deliverInstant(db()));
	const digests = () => void guarded('digest', () => runDueDigests(db(), now(), seen));
	timers = [setInterval(instant, INSTANT_EVERY_MS), setInterval(digests, DIGEST_EVERY_MS)];
	for (const timer of timers) timer.unref();
}

export function stop(): void {
	for (const timer of timers) clearInterval(timer);
	timers = [];
}
