import type { Db } from '$lib/server/platform';
import type { ActivityItem, ActivityKind } from '../../activity/types.ts';

export type { ActivityItem, ActivityKind };

// What happened lately in groups: experiences published, discussions started, replies and
// document edits, newest first. public.activity_feed() (migration 20261206000300) reads it all
// under the caller's row-level security.

export const FEED_SIZE = 10;

interface Row {
	kind: ActivityKind;
	id: string;
	title: string;
	thread_id: string | null;
	group_slug: string;
	group_name: string;
	actor_id: string | null;
	actor_name: string | null;
	at: string;
}

function href(r: Row): string {
	const group = `/groups/${r.group_slug}`;
	if (r.kind === 'experience') return `${group}/experiences/${r.id}`;
	if (r.kind === 'document') return `/docs/${r.id}`;
	if (r.kind === 'reply') return `${group}/discussions/${r.thread_id}#reply-${r.id}`;
	return `${group}/discussions/${r.id}`;
}

/** Rows of public.activity_feed as items (also read inside public.home_dashboard). */
export function feedItems(rows: unknown[]): ActivityItem[] {
	return (rows as Row[]).map((r) => ({
		kind: r.kind,
		id: r.id,
		title: r.title,
		href: href(r),
		group: { slug: r.group_slug, name: r.group_name },
		actor: r.actor_id && r.actor_name ? { id: r.actor_id, name: r.actor_name } : null,
		at: r.at
	}));
}

async function feed(db: Db, group: string | null, limit: number): Promise<ActivityItem[]> {
	const { data, error } = await db.rpc('activity_feed', { p_group: group, p_limit: limit });
	if (error) throw new Error(`activity_feed: ${error.message}`);
	return feedItems(data as unknown[]);
}

/** The newest activity in the groups the caller is a member of. */
export function inMyGroups(db: Db, limit = FEED_SIZE): Promise<ActivityItem[]> {
	return feed(db, null, limit);
}

/** The newest activity in one group, as far as the caller may read it. */
export function inGroup(db: Db, groupId: string, limit = FEED_SIZE): Promise<ActivityItem[]> {
	return feed(db, groupId, limit);
}
