import type { Sql } from 'postgres';
import { mailer, queue, type Mail } from '$lib/server/mail';
import type { Audience, Issue } from '$lib/newsletter/types';
import { sql as pool } from '$lib/server/platform';
import { isEmpty } from './audience.ts';
import { hasContent, toIssue, type Row } from './issues.ts';
import { issueHtml, issueText, subjectOf, type Locale } from './render.ts';
import { listHeaders, unsubscribePage } from './tokens.ts';

// Sending an issue: batches of subscribers, each batch one transaction that writes the
// subscribers' mails to the outbox (the SMTP worker delivers them) and a delivery row per
// (issue, subscriber). The delivery row is the natural key, so a subscriber who has one is
// never picked again: a process that dies mid-batch leaves neither mails nor rows (the
// transaction rolls back), one that dies between batches resumes where it stopped, and two
// processes cannot both take a batch (the issue row is locked for the batch). Who receives the
// issue is resolved once, when sending begins (erfa_private.newsletter_recipients, from the
// audience chosen); whether each is still subscribed is read afresh for every batch, so an
// unsubscription counts from the next batch on.

export const BATCH_SIZE = 50;
const PAUSE_MS = 1_000;

export type StartResult =
	{ ok: true; recipients: number } | { ok: false; reason: 'empty' | 'not_found' | 'no_audience' };

/**
 * Marks a draft for sending to `audience` (the route has checked the caller is an
 * administrator). The audience is resolved here, once, into the issue's recipients: whoever
 * subscribes or joins a chosen group later is not added by a restart or a later batch.
 */
export async function begin(
	sql: Sql,
	issueId: string,
	audience: Audience = { all: true }
): Promise<StartResult> {
	if (isEmpty(audience)) return { ok: false, reason: 'no_audience' };
	return sql.begin(async (tx) => {
		const [row] = await tx<Row[]>`select * from public.newsletter_issues
			where id = ${issueId} and status = 'draft' for update`;
		if (!row) return { ok: false, reason: 'not_found' } as const;
		if (!hasContent(toIssue(row))) return { ok: false, reason: 'empty' } as const;
		await tx`update public.newsletter_issues set status = 'sending', send_started_at = now()
			where id = ${issueId}`;
		await tx`insert into erfa_private.newsletter_audiences (issue_id, audience)
			values (${issueId}, ${tx.json(audience as never)})`;
		const added = await tx`insert into erfa_private.newsletter_recipients (issue_id, subscriber_id)
			select ${issueId}, subscriber_id
			from erfa_private.newsletter_audience(${tx.json(audience as never)})`;
		return { ok: true, recipients: added.count } as const;
	});
}

interface Recipient {
	id: string;
	email: string;
	locale: Locale;
}

export function mailFor(issue: Issue, to: Recipient): Mail {
	const footer = { unsubscribeUrl: unsubscribePage(to.id) };
	return {
		to: to.email,
		subject: subjectOf(issue, to.locale),
		text: issueText(issue, to.locale, footer),
		html: issueHtml(issue, to.locale, footer),
		headers: listHeaders(to.id)
	};
}

export interface BatchOptions {
	size?: number;
	/** Called after each mail is queued inside the batch's transaction (tests inject faults). */
	afterQueued?: (count: number) => void;
}

/** Queues one batch; returns how many were queued (0: the issue is done or not sending). */
export async function sendBatch(sql: Sql, issueId: string, options: BatchOptions = {}) {
	return sql.begin(async (tx) => {
		const [row] = await tx<Row[]>`select * from public.newsletter_issues
			where id = ${issueId} and status = 'sending' for update`;
		if (!row) return 0;
		const recipients = await tx<Recipient[]>`
			select s.id, coalesce(a.email, s.email) as email, coalesce(a.locale, s.locale) as locale
			from erfa_private.newsletter_recipients r
			join public.newsletter_subscribers s on s.id = r.subscriber_id and r.issue_id = ${issueId}
			left join public.accounts a on a.user_id = s.user_id
			left join public.profiles p on p.id = s.user_id
			where s.confirmed_at is not null and s.unsubscribed_at is null
				and (s.user_id is null or p.deactivated_at is null)
				and not exists (select 1 from public.newsletter_deliveries d
					where d.issue_id = ${issueId} and d.subscriber_id = s.id)
			order by s.id limit ${options.size ?? BATCH_SIZE}`;
		if (!recipients.length) {
			await tx`update public.newsletter_issues set status = 'sent', sent_at = now() where id = ${issueId}`;
			return 0;
		}
		const issue = toIssue(row);
		for (const [i, recipient] of recipients.entries()) {
			const outboxId = await queue(tx, mailFor(issue, recipient));
			await tx`insert into public.newsletter_deliveries (issue_id, subscriber_id, outbox_id)
				values (${issueId}, ${recipient.id}, ${outboxId})`;
			options.afterQueued?.(i + 1);
		}
		return recipients.length;
	});
}

export interface DrainOptions extends BatchOptions {
	pauseMs?: number;
	/** Stops between batches when it returns true (a shutdown, or a test's "kill"). */
	stopped?: () => boolean;
}

/** Sends batch after batch until the issue is done; the outbox worker is kicked after each. */
export async function drain(sql: Sql, issueId: string, options: DrainOptions = {}) {
	let total = 0;
	for (;;) {
		if (options.stopped?.()) return total;
		const queued = await sendBatch(sql, issueId, options);
		if (!queued) return total;
		total += queued;
		mailer.kick();
		await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? PAUSE_MS));
	}
}

/** Finishes every issue left half-sent (by a restart), one after the other. */
export async function resume(sql: Sql, options: DrainOptions = {}): Promise<number> {
	const rows = await sql`select id from public.newsletter_issues where status = 'sending'
		order by send_started_at`;
	let total = 0;
	for (const row of rows) total += await drain(sql, row.id as string, options);
	return total;
}

export async function progress(sql: Sql, issueId: string) {
	const [row] = await sql`select
		(select count(*)::int from public.newsletter_deliveries where issue_id = ${issueId}) as queued,
		(select count(*)::int from erfa_private.newsletter_recipients r
			join public.newsletter_subscribers s on s.id = r.subscriber_id and r.issue_id = ${issueId}
			where s.confirmed_at is not null and s.unsubscribed_at is null and not exists (
				select 1 from public.newsletter_deliveries d
				where d.issue_id = ${issueId} and d.subscriber_id = s.id)) as remaining`;
	return { queued: row!.queued as number, remaining: row!.remaining as number };
}

let timer: NodeJS.Timeout | undefined;
let running = false;

async function tick() {
	if (running) return;
	running = true;
	try {
		await resume(pool());
	} catch (error) {
		console.error('[newsletter] sending failed', error);
	} finally {
		running = false;
	}
}

/** Runs now and every minute: an issue whose sender stopped (a restart) goes on sending. */
export function start(): void {
	if (timer) return;
	timer = setInterval(() => void tick(), 60_000);
	timer.unref();
	void tick();
}

/** After an administrator pressed send: start at once instead of at the next minute. */
export function kick(): void {
	void tick();
}
