import type { Sql } from 'postgres';
import { prune as pruneAudit } from '../audit/log.ts';

// Gallring: personal data that has served its purpose is deleted, as the privacy page promises.
// Idempotent deletes, so it is harmless when several app processes run it.

export interface Purged {
	sessions: number;
	emailTokens: number;
	loginChallenges: number;
	throttle: number;
	backoff: number;
	outbox: number;
	reports: number;
	audit: number;
	ssoFlows: number;
	sensitiveAnswers: number;
}

export async function purge(sql: Sql): Promise<Purged> {
	const count = async (query: PromiseLike<readonly unknown[]>) => (await query).length;
	return {
		sessions: await count(sql`delete from erfa_private.sessions
			where expires_at < now() or absolute_expires_at < now() returning 1`),
		emailTokens: await count(
			sql`delete from erfa_private.email_tokens where expires_at < now() returning 1`
		),
		// Passwords accepted but never followed by the second factor (auth/second-step.ts).
		loginChallenges: await count(
			sql`delete from erfa_private.login_challenges where expires_at < now() returning 1`
		),
		throttle: await count(sql`delete from erfa_private.throttle
			where window_started_at < now() - interval '1 day' returning 1`),
		// A pair quiet for an hour starts from zero anyway (auth/backoff.ts); the row goes here.
		backoff: await count(sql`delete from erfa_private.backoff
			where last_failure_at < now() - interval '1 day' and blocked_until < now() returning 1`),
		outbox: await count(sql`delete from public.outbox
			where created_at < now() - interval '90 days' and (sent_at is not null or attempts >= 5) returning 1`),
		reports: await count(sql`delete from public.accessibility_reports
			where status = 'resolved' and created_at < now() - interval '1 year' returning 1`),
		// Only through the owner's security definer function: the log refuses other deletes.
		audit: await pruneAudit(sql),
		// Sign-ins through a provider that were never finished (state, nonce, PKCE verifier).
		ssoFlows: await count(
			sql`delete from erfa_private.sso_flows where expires_at < now() returning 1`
		),
		// Dietary needs and the like, a day after the event (events/questions.ts).
		sensitiveAnswers: Number(
			(await sql`select erfa_private.purge_sensitive_answers() as n`)[0]?.n ?? 0
		)
	};
}

let timer: NodeJS.Timeout | undefined;

/** Runs the purge now and then every hour in this process. */
export function schedule(sql: () => Sql): void {
	if (timer) return;
	const run = () => {
		purge(sql()).catch((error: unknown) => console.error('[maintenance] purge failed', error));
	};
	timer = setInterval(run, 60 * 60 * 1000);
	timer.unref();
	run();
}
