import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import type { Db } from '$lib/server/platform';
import type { CalendarEvent } from './ics.ts';

// The personal calendar feed: a secret URL a calendar app polls. The token is 32 random bytes;
// only its hash is stored (erfa_private.calendar_feeds, privileged pool), so a leaked database
// gives no working links. What the feed shows is read as its owner through their own REST
// client, so row-level security decides exactly as on the pages.

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Makes a new feed link for the person, replacing (and so ending) the old one. */
export async function renew(sql: Sql, userId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await sql`insert into erfa_private.calendar_feeds (user_id, token_hash) values (${userId}, ${hash(token)})
		on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now(),
			last_used_at = null`;
	return token;
}

export async function revoke(sql: Sql, userId: string): Promise<void> {
	await sql`delete from erfa_private.calendar_feeds where user_id = ${userId}`;
}

export async function exists(sql: Sql, userId: string): Promise<boolean> {
	const [row] = await sql`select 1 from erfa_private.calendar_feeds where user_id = ${userId}`;
	return !!row;
}

/** The owner of a feed token, or null for a malformed, forged or replaced one. */
export async function ownerOf(sql: Sql, token: string): Promise<string | null> {
	if (!TOKEN.test(token)) return null;
	const [row] = await sql`update erfa_private.calendar_feeds set last_used_at = now()
		where token_hash = ${hash(token)} returning user_id`;
	return (row?.user_id as string | undefined) ?? null;
}

const columns =
	'id, title, description, starts_at, ends_at, location, updated_at, online:event_online_links(url)';
type Row = Record<string, unknown>;

const toCalendar = (r: Row): CalendarEvent => ({
	id: r.id as string,
	title: r.title as string,
	description: r.description as string,
	startsAt: r.starts_at as string,
	endsAt: r.ends_at as string,
	location: r.location as string | null,
	onlineUrl: (r.online as { url: string } | null)?.url ?? null,
	updatedAt: r.updated_at as string
});

/** The owner's events: those they are registered for (not cancelled) and their groups' events,
 * from 90 days back. `db` is the owner's own client. */
export async function eventsFor(
	db: Db,
	userId: string,
	now = new Date()
): Promise<CalendarEvent[]> {
	const since = new Date(now.getTime() - 90 * 86_400_000).toISOString();
	const [registered, groups] = await Promise.all([
		db
			.from('event_registrations')
			.select('event_id')
			.eq('user_id', userId)
			.neq('status', 'cancelled'),
		db.from('group_members').select('group_id').eq('user_id', userId)
	]);
	if (registered.error || groups.error) throw new Error('calendar feed: could not read');
	const groupIds = (groups.data as { group_id: string }[]).map((r) => r.group_id);
	// Events with one of the owner's groups among their further groups (public.event_groups).
	const linked = groupIds.length
		? await db.from('event_groups').select('event_id').in('group_id', groupIds)
		: { data: [], error: null };
	if (linked.error) throw new Error('calendar feed: could not read');
	const eventIds = [...(registered.data ?? []), ...(linked.data ?? [])].map(
		(r) => (r as { event_id: string }).event_id
	);
	const filters = [
		...(eventIds.length ? [`id.in.(${[...new Set(eventIds)].join(',')})`] : []),
		...(groupIds.length ? [`group_id.in.(${groupIds.join(',')})`] : [])
	];
	if (!filters.length) return [];
	const { data, error } = await db
		.from('events')
		.select(columns)
		.or(filters.join(','))
		.gte('ends_at', since)
		.order('starts_at')
		.limit(500);
	if (error) throw new Error(`calendar feed: ${error.message}`);
	return (data as unknown as Row[]).map(toCalendar);
}
