import type { Sql } from 'postgres';
import type { NotificationKind, NotificationParams } from '../../notifications/types.ts';

// Creating notifications is privileged (one person's action writes rows for others), so it
// uses the direct driver. Who receives a notification is decided here with the same rule the
// RLS policies use: nobody is told about content of a group they may not read.

export type { NotificationKind, NotificationParams };

/**
 * Kinds about a request or an invitation rather than a group's content: they reach people
 * outside the group (the person who asked, the one invited), also when the group is closed.
 */
export const NOT_GROUP_CONTENT: readonly NotificationKind[] = [
	'join_declined',
	'invitation',
	'join_request'
];

export interface NotificationEvent {
	kind: NotificationKind;
	/** The group the event is about; recipients who cannot read its content are dropped. */
	groupId: string | null;
	/** Who did it; never notified of their own action. */
	actorId: string | null;
	/** The item's title (neutral: a thread's, a document's), or the fallback sentence in Swedish. */
	title: string;
	/** The pieces the reader's sentence is made of, rendered in their language when read. */
	params?: NotificationParams;
	/** Site-relative link to the item, e.g. `/groups/attraktivitet/experiences/<id>`. */
	link: string;
	/** Explicit recipients, or every member of the group. */
	to: string[] | 'group_members' | 'group_coordinators';
}

// Parameters are people's text; keep each short so a row stays small (the check allows 4 kB).
function clip(params: NotificationParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(params))
		if (typeof value === 'string') out[key] = value.slice(0, key === 'excerpt' ? 400 : 200);
	return out;
}

/** Writes the notifications; returns the user ids that received one. */
export async function emit(sql: Sql, event: NotificationEvent): Promise<string[]> {
	const explicit = Array.isArray(event.to) ? event.to : [];
	const rows = await sql<{ user_id: string }[]>`
		with candidates as (
			select unnest(${explicit}::uuid[]) as user_id where ${Array.isArray(event.to)}
			union
			select m.user_id from public.group_members m
			where ${event.to === 'group_members'} and m.group_id = ${event.groupId}
			union
			select m.user_id from public.group_members m
			where ${event.to === 'group_coordinators'} and m.group_id = ${event.groupId}
				and m.role = 'coordinator'
		)
		insert into public.notifications (user_id, kind, group_id, actor_id, title, link, params)
		select c.user_id, ${event.kind}, ${event.groupId}, ${event.actorId}, ${event.title.slice(0, 300)}, ${event.link},
			${sql.json(clip(event.params ?? {}))}
		from candidates c
		join public.profiles p on p.id = c.user_id and p.deactivated_at is null
		join public.accounts a on a.user_id = c.user_id and (a.notify_in_app or a.notify_email <> 'off')
		where c.user_id is distinct from ${event.actorId}
			and (${event.groupId}::uuid is null
				or ${NOT_GROUP_CONTENT.includes(event.kind)}
				or exists (select 1 from public.group_members m where m.group_id = ${event.groupId} and m.user_id = c.user_id)
				or exists (select 1 from public.groups g where g.id = ${event.groupId} and g.visibility = 'open' and g.status = 'active')
				or p.role = 'admin')
		returning user_id`;
	return rows.map((r) => r.user_id);
}
