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
		host
	);
}
