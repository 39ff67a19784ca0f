import type { Sql } from 'postgres';
import { generateToken, hashToken } from './tokens.ts';

// Sessions after lucia-auth.com's guide: the cookie holds a random token, the database only
// its SHA-256. Sliding expiry of 30 days (renewed when half is used), capped by an absolute
// lifetime so a stolen cookie cannot live for ever.

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_DAYS = 30;
export const ABSOLUTE_DAYS = 90;
const LAST_USED_GRANULARITY = 10 * 60 * 1000;

export interface SessionUser {
	id: string;
	name: string;
	role: 'member' | 'researcher' | 'admin';
	organizationId: string | null;
	emailVerified: boolean;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	createdAt: Date;
}

export interface Validated {
	session: Session;
	user: SessionUser;
	/** True when expiry moved: the cookie must be set again. */
	renewed: boolean;
}

export async function create(sql: Sql, userId: string, userAgent: string | null, now = new Date()) {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
	const absolute = new Date(now.getTime() + ABSOLUTE_DAYS * DAY);
	await sql`insert into erfa_private.sessions
		(id, user_id, created_at, expires_at, absolute_expires_at, last_used_at, user_agent)
		values (${hashToken(token)}, ${userId}, ${now}, ${expiresAt}, ${absolute}, ${now},
			${userAgent?.slice(0, 400) ?? null})`;
	return { token, expiresAt };
}

export async function validate(
	sql: Sql,
	token: string,
	now = new Date()
): Promise<Validated | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const [row] = await sql`
		select s.id, s.user_id, s.created_at, s.expires_at, s.absolute_expires_at, s.last_used_at,
			p.name, p.role, p.organization_id, p.deactivated_at, a.email_verified_at
		from erfa_private.sessions s
		join public.profiles p on p.id = s.user_id
		join public.accounts a on a.user_id = s.user_id
		where s.id = ${id}`;
	if (!row) return null;
	if (row.deactivated_at || now >= row.expires_at || now >= row.absolute_expires_at) {
		await sql`delete from erfa_private.sessions where id = ${id}`;
		return null;
	}
	let expiresAt: Date = row.expires_at;
	const renewed = expiresAt.getTime() - now.getTime() < (SESSION_DAYS / 2) * DAY;
	if (renewed) {
		expiresAt = new Date(
			Math.min(now.getTime() + SESSION_DAYS * DAY, row.absolute_expires_at.getTime())
		);
	}
	// "Last used" feeds the list of devices; a write per request would be waste.
	if (renewed || now.getTime() - row.last_used_at.getTime() > LAST_USED_GRANULARITY) {
		await sql`update erfa_private.sessions set expires_at = ${expiresAt}, last_used_at = ${now}
			where id = ${id}`;
	}
	return {
		session: { id, userId: row.user_id, expiresAt, createdAt: row.created_at },
		user: {
			id: row.user_id,
			name: row.name,
			role: row.role,
			organizationId: row.organization_id,
			emailVerified: row.email_verified_at !== null
		},
		renewed
	};
}

export async function invalidate(sql: Sql, sessionId: string): Promise<void> {
	await sql`delete from erfa_private.sessions where id = ${sessionId}`;
}

/** Ends one of the person's own sessions; false when it was not theirs or already gone. */
export async function invalidateOwn(sql: Sql, userId: string, sessionId: string): Promise<boolean> {
	const rows = await sql`delete from erfa_private.sessions
		where id = ${sessionId} and user_id = ${userId} returning id`;
	return rows.length > 0;
}

export async function invalidateAll(sql: Sql, userId: string, except?: string): Promise<number> {
	const rows = await sql`delete from erfa_private.sessions
		where user_id = ${userId} and id <> ${except ?? ''} returning id`;
	return rows.length;
}

export interface SessionSummary {
	id: string;
	createdAt: Date;
	lastUsedAt: Date;
	userAgent: string | null;
	current: boolean;
}

export async function listFor(
	sql: Sql,
	userId: string,
	currentId: string
): Promise<SessionSummary[]> {
	const rows = await sql`select id, created_at, last_used_at, user_agent from erfa_private.sessions
		where user_id = ${userId} and expires_at > now() order by last_used_at desc`;
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.created_at,
		lastUsedAt: r.last_used_at,
		userAgent: r.user_agent,
		current: r.id === currentId
	}));
}

export async function purgeExpired(sql: Sql): Promise<void> {
	await sql`delete from erfa_private.sessions where expires_at < now() or absolute_expires_at < now()`;
}
