import type { SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/platform';
import type { EventSummary, GroupChoice } from '../../events/types.ts';

// Further groups behind an event (public.event_groups; the lead group is events.group_id). RLS
// decides: an editor of the event links groups they belong to, an editor or the group's
// coordinator unlinks. The event shows on each group's page and each group's coordinators
// organize it.

function failed(error: { message: string }): never {
	throw new Error(`event groups: ${error.message}`);
}

/** Groups a person may link an event to: all active ones for administrators, otherwise those
 * they belong to (any role). */
export async function joinable(db: Db, user: SessionUser): Promise<GroupChoice[]> {
	if (user.role === 'admin') {
		const { data, error } = await db
			.from('groups')
			.select('id, slug, name')
			.eq('status', 'active')
			.order('name');
		if (error) failed(error);
		return data as GroupChoice[];
	}
	const { data, error } = await db
		.from('group_members')
		.select('group:groups!inner(id, slug, name)')
		.eq('user_id', user.id);
	if (error) failed(error);
	const groups = (data as unknown as { group: GroupChoice }[]).map((r) => r.group);
	return groups.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The event's further groups that the caller may see, by name. */
export async function linked(db: Db, eventId: string): Promise<GroupChoice[]> {
	const { data, error } = await db
		.from('event_groups')
		.select('group:groups(id, slug, name)')
		.eq('event_id', eventId);
	if (error) failed(error);
	return (data as unknown as { group: GroupChoice | null }[])
		.flatMap((r) => (r.group ? [r.group] : []))
		.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** Sets the further groups among `offered` (the groups the form showed) to `chosen`; links to
 * groups the form did not offer are kept. False when RLS refused a change. */
export async function setLinked(
	db: Db,
	eventId: string,
	offered: string[],
	chosen: string[]
): Promise<boolean> {
	const current = await db.from('event_groups').select('group_id').eq('event_id', eventId);
	if (current.error) failed(current.error);
	const now = new Set((current.data as { group_id: string }[]).map((r) => r.group_id));
	const wanted = new Set(chosen.filter((id) => offered.includes(id)));
	const drop = offered.filter((id) => now.has(id) && !wanted.has(id));
	const add = [...wanted].filter((id) => !now.has(id));
	if (drop.length) {
		const { data, error } = await db
			.from('event_groups')
			.delete()
			.eq('event_id', eventId)
			.in('group_id', drop)
			.select('id');
		if (error) failed(error);
		if (data.length !== drop.length) return false;
	}
	if (add.length) {
		const rows = add.map((group_id) => ({ event_id: eventId, group_id }));
		const { error } = await db.from('event_groups').insert(rows);
		if (error?.code === '42501') return false;
		if (error) failed(error);
	}
	return true;
}

/** Events a group holds or takes part in that have not ended, the soonest first. */
export async function forGroup(
	db: Db,
	groupId: string,
	limit = 10,
	now = new Date()
): Promise<Pick<EventSummary, 'id' | 'title' | 'kind' | 'startsAt' | 'endsAt' | 'location'>[]> {
	const links = await db.from('event_groups').select('event_id').eq('group_id', groupId);
	if (links.error) failed(links.error);
	const ids = (links.data as { event_id: string }[]).map((r) => r.event_id);
	const { data, error } = await db
		.from('events')
		.select('id, title, kind, starts_at, ends_at, location')
		.or([`group_id.eq.${groupId}`, ...(ids.length ? [`id.in.(${ids.join(',')})`] : [])].join(','))
		.gte('ends_at', now.toISOString())
		.order('starts_at')
		.limit(limit);
	if (error) failed(error);
	return (data as Record<string, string>[]).map((r) => ({
		id: r.id!,
		title: r.title!,
		kind: r.kind as EventSummary['kind'],
		startsAt: r.starts_at!,
		endsAt: r.ends_at!,
		location: r.location ?? null
	}));
}
