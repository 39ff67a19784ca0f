import type { Sql } from 'postgres';
import { network, type Verdict } from './throttle.ts';

// Growing waits after wrong passwords, per (subject, network): the subject is what a guess
// targets ('login:<e-mail>', 'reauth:<user id>'). A few attempts are free, then each further
// failure doubles the wait up to a cap. Nothing locks the account itself: the owner signing
// in from another address is not slowed by a guesser elsewhere. Callers answer a refused
// attempt at once with 429 and Retry-After; no request is ever held open.

export const policy = {
	freeFailures: 5,
	firstWaitSeconds: 30,
	maxWaitSeconds: 15 * 60,
	/** A pair that has not failed for this long starts from zero again (the privacy page
	 * promises counters that apply for at most an hour). */
	forgetAfterSeconds: 60 * 60
};

/** Seconds to wait after the `failures`-th failure in a row: 0, …, 0, 30, 60, 120, … 900. */
export function waitAfter(failures: number): number {
	if (failures < policy.freeFailures) return 0;
	const doublings = Math.min(failures - policy.freeFailures, 20);
	return Math.min(policy.maxWaitSeconds, policy.firstWaitSeconds * 2 ** doublings);
}

// Waits indexed by failure count, so that one SQL statement can count a failure and set the
// next wait atomically: parallel requests cannot all pass before the first is counted.
const waits = Array.from({ length: 32 }, (_, i) => waitAfter(i + 1));

/**
 * Claims one attempt for (subject, client address), counted as a failure until `succeeded`
 * clears it. Refused while the pair is waiting; the refusal itself is not counted, so the wait
 * the caller was told stays true.
 */
export async function attempt(sql: Sql, subject: string, ip: string): Promise<Verdict> {
	const net = network(ip);
	const failures = sql`case when b.last_failure_at < now() - make_interval(secs => ${policy.forgetAfterSeconds})
		then 1 else b.failures + 1 end`;
	const claimed = await sql`
		insert into erfa_private.backoff as b (subject, ip, failures, last_failure_at, blocked_until)
		values (${subject}, ${net}, 1, now(), now() + make_interval(secs => ${waits[0]!}))
		on conflict (subject, ip) do update set
			failures = ${failures},
			last_failure_at = now(),
			blocked_until = now() + make_interval(secs =>
				(${waits}::int[])[least(${failures}, ${waits.length})])
		where b.blocked_until <= now()
		returning failures`;
	if (claimed.length) return { allowed: true, retryAfterSeconds: 0 };
	return { allowed: false, retryAfterSeconds: await waiting(sql, subject, ip) };
}

/** Seconds until (subject, client address) may try again; 0 when it may now. */
export async function waiting(sql: Sql, subject: string, ip: string): Promise<number> {
	const [row] = await sql`
		select ceil(extract(epoch from blocked_until - now()))::int as remaining
		from erfa_private.backoff
		where subject = ${subject} and ip = ${network(ip)} and blocked_until > now()`;
	return row ? Math.max(1, row.remaining as number) : 0;
}

/** The right password: this pair starts from zero (other addresses keep their count). */
export async function succeeded(sql: Sql, subject: string, ip: string): Promise<void> {
	await sql`delete from erfa_private.backoff where subject = ${subject} and ip = ${network(ip)}`;
}

/** Forgets every address's failures for these subjects (after a password reset). */
export async function clear(sql: Sql, subjects: string[]): Promise<void> {
	if (!subjects.length) return;
	await sql`delete from erfa_private.backoff where subject in ${sql(subjects)}`;
}

export const subjects = {
	login: (email: string) => `login:${email.trim().toLowerCase()}`,
	reauth: (userId: string) => `reauth:${userId}`
};
