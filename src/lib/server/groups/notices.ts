import type { Sql } from 'postgres';
import type { Locale } from '$lib/server/mail';
import { emit, type NotificationKind, type NotificationParams } from '$lib/server/notifications';

// In-app notifications about groups and membership. The row keeps the sentence's pieces
// (`params`), so the inbox and the e-mail say it in the language the reader uses then; the
// Swedish title is only the fallback. Privileged (one person's action writes rows for others);
// called after the user-scoped write succeeded. `emit` still drops anyone who may not read
// the group.

export interface Notice {
	kind: NotificationKind;
	groupId: string;
	actorId: string | null;
	link: string;
	/** Explicit recipients, or the group's coordinators. */
	to: string[] | 'group_coordinators';
	params: NotificationParams;
	title: (locale: Locale) => string;
}

/** Writes the notification for each recipient; returns who got one. */
export async function notify(sql: Sql, notice: Notice): Promise<string[]> {
	if (Array.isArray(notice.to) && notice.to.length === 0) return [];
	return emit(sql, {
		kind: notice.kind,
		groupId: notice.groupId,
		actorId: notice.actorId,
		title: notice.title('sv'),
		params: notice.params,
		link: notice.link,
		to: notice.to
	});
}
