import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Sql } from 'postgres';
import { sql as db } from '../platform/db.ts';

// Sensitive actions (roles, deactivation, deleting accounts, identity providers, exports of
// participant lists) need a sign-in or re-authentication from the last 15 minutes: a session
// left open on a shared computer must not be enough to take power or remove people.

export const RECENT_MINUTES = 15;

export async function isRecent(sql: Sql, sessionId: string, now = new Date()): Promise<boolean> {
	const [row] =
		await sql`select authenticated_at from erfa_private.sessions where id = ${sessionId}`;
	if (!row) return false;
	return now.getTime() - row.authenticated_at.getTime() < RECENT_MINUTES * 60_000;
}

/**
 * Records that the person has just proved who they are again in this session. A new session
 * counts as fresh by itself (column default). SSO: an account without a password re-authenticates
 * at its provider (prompt=login, max_age) and the callback calls this for the current session.
 */
export async function mark(sql: Sql, sessionId: string): Promise<void> {
	await sql`update erfa_private.sessions set authenticated_at = now() where id = ${sessionId}`;
}

/** Where to come back to: the page, never an action's URL ("?/role"). */
export function returnPath(url: URL): string {
	const search = url.search.startsWith('?/') ? '' : url.search;
	return url.pathname + search;
}

/**
 * The one guard for sensitive actions: call it first in the action (after the role check).
 * Sends the person to /reauth, which brings them back to the page they were on.
 */
export async function requireRecentAuth(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	sql: Sql = db()
): Promise<void> {
	const back = encodeURIComponent(returnPath(event.url));
	if (!event.locals.user || !event.locals.session) redirect(303, `/login?returnTo=${back}`);
	if (!(await isRecent(sql, event.locals.session.id))) redirect(303, `/reauth?returnTo=${back}`);
}
