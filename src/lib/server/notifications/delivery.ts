import type { Sql, TransactionSql } from 'postgres';
import { queue } from '../mail/outbox.ts';
import { kick } from '../mail/worker.ts';
import { NOT_GROUP_CONTENT } from './emit.ts';
import * as mails from './mails.ts';
import type { DigestKind } from './schedule.ts';

// Notification e-mail, written to the outbox (the mail worker sends it). Runs in the app
// process with the privileged pool, and stays correct when several processes run it at once:
// rows are claimed with FOR UPDATE SKIP LOCKED and marked `emailed_at` in the same
// transaction that queues the mail, and a digest period is claimed by a row in
// erfa_private.digest_runs, so each notification is e-mailed at most once.
//
// Just before sending, the recipient's right to read the group is checked again with emit's
// rule (member, open active group, or admin): someone who left a closed group after the
// notification was written must not receive its content by e-mail.

// Instant mail is for what just happened: someone who switches to "at once" does not get a
// flood of old notifications. Digests look back a little further.
const INSTANT_WINDOW = '1 day';
const DIGEST_WINDOW = '14 days';
// A run that started this long ago and never finished (its process died) may be taken over.
const STALE_RUN = '30 minutes';

interface Pending {
	id: string;
	user_id: string;
	kind: mails.Item['kind'];
	title: string;
	params: mails.Item['params'];
	actor_name: string | null;
	link: string;
	group_name: string | null;
	email: string;
	locale: mails.Locale;
	/** May this person still read it, and do we mail them (verified, active)? */
	sendable: boolean;
}

// Columns and joins shared by both kinds; `n` is the notification, `a` and `p` its recipient.
function pendingSelect(tx: TransactionSql) {
	return tx`
		select n.id, n.user_id, n.kind, n.title, n.params, actor.name as actor_name, n.link,
			g.name as group_name, a.email, a.locale,
			(a.email_verified_at is not null and p.deactivated_at is null and (
				n.group_id is null
				or n.kind = any(${NOT_GROUP_CONTENT}::text[])
				or exists (select 1 from public.group_members gm
					where gm.group_id = n.group_id and gm.user_id = n.user_id)
				or (g.visibility = 'open' and g.status = 'active')
				or p.role = 'admin'
			)) as sendable
		from public.notifications n
		join public.accounts a on a.user_id = n.user_id
		join public.profiles p on p.id = n.user_id
		left join public.groups g on g.id = n.group_id
		left join public.profiles actor on actor.id = n.actor_id`;
}

const item = (row: Pending): mails.Item => ({
	kind: row.kind,
	title: row.title,
	params: row.params,
	actorName: row.actor_name,
	link: row.link,
	groupName: row.group_name
});

const recipient = (row: Pending): mails.Recipient => ({
	userId: row.user_id,
	email: row.email,
	locale: row.locale
});

async function markEmailed(tx: TransactionSql, rows: Pending[]) {
	// Also rows that were not sent (no longer readable): they are settled, not retried.
	const ids = rows.map((r) => r.id);
	if (ids.length)
		await tx`update public.notifications set emailed_at = now() where id = any(${ids}::bigint[])`;
}

/** One e-mail per new notification for people who chose "at once"; returns how many. */
export async function deliverInstant(sql: Sql, limit = 50): Promise<number> {
	const queued = await sql.begin(async (tx) => {
		const rows = await tx<Pending[]>`${pendingSelect(tx)}
			where n.emailed_at is null and n.read_at is null
				and n.created_at > now() - ${INSTANT_WINDOW}::interval
				and a.notify_email = 'instant'
			order by n.created_at, n.id
			limit ${limit}
			for update of n skip locked`;
		const sendable = rows.filter((r) => r.sendable);
		for (const row of sendable) await queue(tx, mails.instant(recipient(row), item(row)));
		await markEmailed(tx, rows);
		return sendable.length;
	});
	if (queued) kick();
	return queued;
}

/** One person's digest of what came before `now`; true when a mail was queued. */
async function digestFor(sql: Sql, kind: DigestKind, userId: string, now: Date): Promise<boolean> {
	return sql.begin(async (tx) => {
		const rows = await tx<Pending[]>`${pendingSelect(tx)}
			where n.user_id = ${userId} and n.emailed_at is null and n.read_at is null
				and n.created_at > ${now}::timestamptz - ${DIGEST_WINDOW}::interval
				and n.created_at <= ${now}
				and a.notify_email = ${kind}
			order by n.created_at, n.id
			for update of n skip locked`;
		const sendable = rows.filter((r) => r.sendable);
		if (sendable.length) {
			await queue(tx, mails.digest(recipient(sendable[0]!), kind, sendable.map(item)));
		}
		await markEmailed(tx, rows);
		return sendable.length > 0;
	});
}

/**
 * Sends the digest of one kind for the period starting at `periodStart`, once: the process
 * whose insert into digest_runs succeeds does it, every other one gets null. `now` is the
 * clock's time (the scheduler's, or a test's): what came after it waits for the next digest.
 */
export async function runDigest(
	sql: Sql,
	kind: DigestKind,
	periodStart: Date,
	now = new Date()
): Promise<number | null> {
	const claimed = await sql`
		insert into erfa_private.digest_runs (kind, period_start) values (${kind}, ${periodStart})
		on conflict (kind, period_start) do update set started_at = now()
			where digest_runs.finished_at is null
				and digest_runs.started_at < now() - ${STALE_RUN}::interval
		returning kind`;
	if (claimed.length === 0) return null;
	const people = await sql<{ user_id: string }[]>`
		select a.user_id from public.accounts a
		where a.notify_email = ${kind} and exists (
			select 1 from public.notifications n
			where n.user_id = a.user_id and n.emailed_at is null and n.read_at is null
				and n.created_at > ${now}::timestamptz - ${DIGEST_WINDOW}::interval
				and n.created_at <= ${now})`;
	let sent = 0;
	for (const { user_id } of people) if (await digestFor(sql, kind, user_id, now)) sent++;
	await sql`update erfa_private.digest_runs set finished_at = now()
		where kind = ${kind} and period_start = ${periodStart}`;
	if (sent) kick();
	return sent;
}
