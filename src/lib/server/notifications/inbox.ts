import type { Db } from '$lib/server/platform';
import type { NotificationKind, NotificationParams } from './emit.ts';

// A person's own notifications, read and marked through their supabase client. RLS shows each
// person only their own rows, and hides those about a closed group they have left, so nothing
// here filters by user: what the database does not return does not exist for them.

export const PAGE_SIZE = 30;

export interface Notification {
	id: number;
	kind: NotificationKind;
	title: string;
	/** Rendered in the reader's language with `headline()` from `$lib/notifications/text`. */
	params: NotificationParams | null;
	link: string;
	createdAt: string;
	read: boolean;
	group: { slug: string; name: string } | null;
	actorName: string | null;
}

export interface NotificationPage {
	rows: Notification[];
	total: number;
	page: number;
	pages: number;
}

interface Row {
	id: number;
	kind: NotificationKind;
	title: string;
	params: NotificationParams | null;
	link: string;
	created_at: string;
	read_at: string | null;
	group: { slug: string; name: string } | null;
	actor: { name: string } | null;
}

function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}

/** Rows read as PostgREST embeds them (also inside public.home_dashboard) as notifications. */
export function fromRows(rows: unknown[]): Notification[] {
	return (rows as Row[]).map((r) => ({
		id: r.id,
		kind: r.kind,
		title: r.title,
		params: r.params,
		link: r.link,
		createdAt: r.created_at,
		read: r.read_at !== null,
		group: r.group,
		actorName: r.actor?.name ?? null
	}));
}

/** Newest first, a page at a time; `unreadOnly` leaves out what has been read. */
export async function list(
	db: Db,
	options: { unreadOnly?: boolean; page?: number } = {}
): Promise<NotificationPage> {
	const page = Math.max(1, options.page ?? 1);
	const from = (page - 1) * PAGE_SIZE;
	let query = db
		.from('notifications')
		.select(
			'id, kind, title, params, link, created_at, read_at, group:groups(slug, name), actor:profiles!actor_id(name)',
			{ count: 'exact' }
		);
	if (options.unreadOnly) query = query.is('read_at', null);
	const { data, error, count } = await query
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		.range(from, from + PAGE_SIZE - 1);
	if (error) failed('notifications.list', error);
	const rows = fromRows(data as unknown[]);
	const total = count ?? rows.length;
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/**
 * How many are unread, answered from the partial index on unread rows: a GET for no rows, not a
 * HEAD, because Node's HTTP client closes the connection after every HEAD (it cannot know that
 * no body follows), and a new connection to PostgREST per page cost more than the count.
 */
export async function unreadCount(db: Db): Promise<number> {
	const { count, error } = await db
		.from('notifications')
		.select('id', { count: 'exact' })
		.is('read_at', null)
		.limit(0);
	if (error) failed('notifications.unreadCount', error);
	return count ?? 0;
}

/** Marks some (or all) of the caller's notifications read; returns how many changed. */
export async function markRead(db: Db, ids: number[] | 'all'): Promise<number> {
	if (ids !== 'all' && ids.length === 0) return 0;
	let query = db
		.from('notifications')
		.update({ read_at: new Date().toISOString() })
		.is('read_at', null);
	if (ids !== 'all') query = query.in('id', ids);
	const { data, error } = await query.select('id');
	if (error) failed('notifications.markRead', error);
	return data.length;
}

/** Marks one read and gives its link, or null when it is not the caller's to open. */
export async function open(db: Db, id: number): Promise<string | null> {
	const { data, error } = await db.from('notifications').select('link').eq('id', id).maybeSingle();
	if (error) failed('notifications.open', error);
	if (!data) return null;
	await markRead(db, [id]);
	return safeLink((data as { link: string }).link);
}

/** Stored links are site-relative; never let one lead off the site ("//host" is relative too). */
export function safeLink(link: string): string {
	return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')
		? link
		: '/notifications';
}
