import type { EventSummary } from '$lib/events/types';
import { feedItems, type ActivityItem } from '$lib/server/activity';
import type { Db } from '$lib/server/platform';
import { links, radar, type ResearchLink } from '$lib/server/research';
import { membersOf, type Member } from './memberships.ts';
import { failed } from './rows.ts';

// A group's overview page reads its members, linked research, recent activity and coming events
// in one round trip (public.group_overview, security invoker; issue 17: it was five calls).
// Each part is read as the separate calls read it and mapped by the same functions.

export type GroupEvent = Pick<
	EventSummary,
	'id' | 'title' | 'kind' | 'startsAt' | 'endsAt' | 'location'
>;

export interface Overview {
	/** null when the caller may not read the group's content. */
	members: Member[] | null;
	links: ResearchLink[];
	activity: ActivityItem[] | null;
	events: GroupEvent[];
	/** The research radar's suggestions (as many as asked for; none without content). */
	radar: radar.RadarHit[];
}

/**
 * `canRead`: the page's rule (groupAccess); without it only the events are read. `radarHits`:
 * how many of the research radar's suggestions to read with the rest (radar.forSubject's).
 */
export async function overview(
	db: Db,
	groupId: string,
	canRead: boolean,
	{ events = 5, radarHits = 0, now = new Date() } = {}
): Promise<Overview> {
	const { data, error } = await db.rpc('group_overview', {
		p_group: groupId,
		p_content: canRead,
		p_events: events,
		p_now: now.toISOString(),
		p_radar: radarHits
	});
	if (error) failed('groups.overview', error);
	return toOverview(db, groupId, canRead, radarHits, data as Record<string, unknown[] | null>);
}

/** What the group's overview page reads (its layout reads it with the group: groups/access.ts). */
export const PAGE_OVERVIEW = { events: 5, radarHits: 5 } as const;

/** Maps public.group_overview's answer (also part of public.group_page_open's). */
export function toOverview(
	db: Db,
	groupId: string,
	canRead: boolean,
	radarHits: number,
	o: Record<string, unknown[] | null>
): Overview {
	return {
		members: o.members ? membersOf(o.members) : null,
		links: (o.links ?? []).map((r) => links.toLink(r as Record<string, unknown>)),
		activity: o.activity ? feedItems(o.activity) : null,
		events: (o.events as Record<string, string | null>[]).map((r) => ({
			id: r.id!,
			title: r.title!,
			kind: r.kind as EventSummary['kind'],
			startsAt: r.starts_at!,
			endsAt: r.ends_at!,
			location: r.location ?? null
		})),
		radar:
			radarHits > 0 && canRead
				? radar.hitsFor(db, { group: groupId }, o.radar as Record<string, unknown>[])
				: []
	};
}
