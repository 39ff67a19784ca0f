import type { Sql } from 'postgres';
import { calendar } from './ics.ts';

// The calendar file sent with a confirmation. The privileged pool reads the event because the
// mail is written outside the participant's request; the recipient is a confirmed participant
// (or an organizer), who may see the event and its online link.
export async function calendarWithProgramme(
	sql: Sql,
	eventId: string,
	pageUrl: string,
	host: string
): Promise<string | null> {
	const [e] = await sql`
		select e.id, e.title, e.description, e.starts_at, e.ends_at, e.location, e.address,
			e.updated_at, l.url as online_url
		from public.events e left join public.event_online_links l on l.event_id = e.id
		where e.id = ${eventId}`;
	if (!e) return null;
	const sessions = await sql`
		select s.id, s.title, s.starts_at, s.ends_at, s.room, s.track,
			coalesce(array_agg(coalesce(p.name, sp.name) order by sp.position)
				filter (where sp.id is not null), '{}') as speakers
		from public.event_sessions s
		left join public.event_session_speakers sp on sp.session_id = s.id
		left join public.profiles p on p.id = sp.profile_id
		where s.event_id = ${eventId} and s.kind = 'session'
		group by s.id order by s.starts_at`;
	return calendar(
		{
			id: e.id as string,
			title: e.title as string,
			description: e.description as string,
			startsAt: (e.starts_at as Date).toISOString(),
			endsAt: (e.ends_at as Date).toISOString(),
			location: [e.location, e.address].filter(Boolean).join(', ') || null,
			onlineUrl: e.online_url as string | null,
			updatedAt: (e.updated_at as Date).toISOString()
		},
		pageUrl,
		host,
		sessions.map((s) => ({
			id: s.id as string,
			title: s.title as string,
			startsAt: (s.starts_at as Date).toISOString(),
			endsAt: (s.ends_at as Date).toISOString(),
			room: s.room as string,
			track: s.track as string,
			speakers: s.speakers as string[]
		}))
	);
}
