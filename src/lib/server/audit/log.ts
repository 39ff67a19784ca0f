import type { Sql } from 'postgres';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../audit/types.ts';

// The audit trail (see the migration 20261207200000_audit_log.sql): entries are written and
// read with the privileged driver because the table is out of every API role's reach on
// purpose; `list` is called only after the caller has checked that the reader is an
// administrator. Nothing here can change or remove an entry: the database refuses it.

export interface Entry {
	action: AuditAction;
	/** Who did it; null when nobody is signed in (a failed sign-in, a job). */
	actorId?: string | null;
	ip?: string | null;
	userAgent?: string | null;
	/** What it was done to; a person's name is looked up when the type is 'user'. */
	subject?: { type: string; id: string; label?: string | null } | null;
	/** What else explains the entry; never secrets (keys that look like one are dropped). */
	details?: Record<string, unknown>;
}

const SECRET_KEY = /secret|password|token|code|otp|hash|cookie/i;

/** Drops anything that looks like a credential, however the caller named it. */
function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEY.test(key)));
}

const clip = (value: string | null | undefined, max: number) =>
	value ? value.slice(0, max) : null;

/** Appends one entry. Throws when it cannot: an action that must be audited is not silent. */
export async function record(sql: Sql, entry: Entry): Promise<void> {
	const actorId = entry.actorId ?? null;
	const details = withoutSecrets(entry.details ?? {});
	await sql`insert into erfa_private.audit_log
		(actor_id, actor_name, action, subject_type, subject_id, subject_label, ip, user_agent, details)
		values (${actorId}, (select name from public.profiles where id = ${actorId}),
			${entry.action}, ${clip(entry.subject?.type, 40)}, ${clip(entry.subject?.id, 200)},
			coalesce(${clip(entry.subject?.label, 300)}, (select name from public.profiles
				where ${entry.subject?.type ?? null} = 'user' and id::text = ${entry.subject?.id ?? null})),
			${clip(entry.ip, 100)}, ${clip(entry.userAgent, 400)},
			${sql.json(details as Parameters<Sql['json']>[0])})`;
}

export interface Filter {
	action?: AuditAction | null;
	/** Part of a name or e-mail address, of the actor or the subject. */
	person?: string | null;
	/** Inclusive calendar days (UTC), yyyy-mm-dd. */
	from?: string | null;
	to?: string | null;
	page?: number;
}

export const PAGE_SIZE = 50;

export interface AuditPage {
	rows: AuditEntry[];
	total: number;
	page: number;
	pages: number;
}

export function isAction(value: string | null | undefined): value is AuditAction {
	return (AUDIT_ACTIONS as readonly string[]).includes(value ?? '');
}

/** Newest first, filtered. For administrators only: the caller checks the role. */
export async function list(sql: Sql, filter: Filter = {}): Promise<AuditPage> {
	const page = Math.max(1, filter.page ?? 1);
	const like = filter.person?.trim()
		? `%${filter.person.trim().replace(/[\\%_]/g, '\\$&')}%`
		: null;
	const where = sql`where true
		${filter.action ? sql`and action = ${filter.action}` : sql``}
		${like ? sql`and (actor_name ilike ${like} or subject_label ilike ${like} or details ->> 'email' ilike ${like})` : sql``}
		${filter.from ? sql`and at >= ${filter.from}::date` : sql``}
		${filter.to ? sql`and at < ${filter.to}::date + 1` : sql``}`;
	const [count] = await sql`select count(*)::int as n from erfa_private.audit_log ${where}`;
	const rows = await sql`select id, at, actor_id, actor_name, action, subject_type, subject_id,
			subject_label, ip, details
		from erfa_private.audit_log ${where}
		order by at desc, id desc limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`;
	const total = count?.n ?? 0;
	return {
		rows: rows.map((r) => ({
			id: Number(r.id),
			at: (r.at as Date).toISOString(),
			actorId: r.actor_id,
			actorName: r.actor_name,
			action: r.action,
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			subjectLabel: r.subject_label,
			ip: r.ip,
			details: r.details
		})),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE))
	};
}

/**
 * Removes entries past the retention. Runs as the migration owner through the one security
 * definer function the append-only trigger lets through (see the migration).
 */
export async function prune(sql: Sql): Promise<number> {
	const [row] = await sql`select erfa_private.prune_audit_log() as removed`;
	return Number(row?.removed ?? 0);
}
