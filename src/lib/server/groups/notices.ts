import type { Sql } from 'postgres';
import type { Locale } from '$lib/server/mail';
import { emit, type NotificationKind } from '$lib/server/notifications';

// In-app notifications about groups and membership, each in its recipient's own language.
// Privileged (one person's action writes rows for others); called after the user-scoped write
// succeeded. `emit` still drops anyone who may not read the group.

export interface Notice {
	kind: NotificationKind;
	groupId: string;
	actorId: string | null;
	link: string;
	/** Explicit recipients, or the group's coordinators. */
	to: string[] | 'group_coordinators';
	title: (locale: Locale) => string;
}

async function recipients(sql: Sql, notice: Notice): Promise<string[]> {
	if (Array.isArray(notice.to)) return notice.to;
	const rows = await sql<{ user_id: string }[]>`select user_id from public.group_members
		where group_id = ${notice.groupId} and role = 'coordinator'`;
	return rows.map((r) => r.user_id);
}

/** Writes the notification for each recipient in their language; returns who got one. */
export async function notify(sql: Sql, notice: Notice): Promise<string[]> {
	const ids = await recipients(sql, notice);
	if (ids.length === 0) return [];
	const rows = await sql<{ user_id: string; locale: Locale }[]>`
		select user_id, locale from public.accounts where user_id = any(${ids}::uuid[])`;
	const sent: string[] = [];
	for (const locale of ['sv', 'en'] as const) {
		const to = rows.filter((r) => r.locale === locale).map((r) => r.user_id);
		if (to.length === 0) continue;
		sent.push(
			...(await emit(sql, {
				kind: notice.kind,
				groupId: notice.groupId,
				actorId: notice.actorId,
				title: notice.title(locale),
				link: notice.link,
				to
			}))
		);
	}
	return sent;
}
