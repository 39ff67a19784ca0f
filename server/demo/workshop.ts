import type { TransactionSql } from 'postgres';
import { fromWall, swedishDay } from '../../src/lib/server/events/time.ts';

// A workshop held by two groups (issue 18): Attraktivitet (Anna Lind coordinates it, the lead
// group) and the closed Kompetensförsörjning (the administrator coordinates it), so it shows on
// both groups' pages and both coordinators organize it. Idempotent by title.

export const WORKSHOP_TITLE = 'Workshop: Kompetens som lockar – attraktiva arbetsgivare';

export async function seedDemoWorkshop(
	sql: TransactionSql,
	ids: Map<string, string>
): Promise<void> {
	const [exists] = await sql`select 1 from public.events where title = ${WORKSHOP_TITLE}`;
	if (exists) return;
	// Six weeks ahead, 13:00–16:00 Swedish time.
	const day = swedishDay(new Date(Date.now() + 42 * 86_400_000));
	const starts = fromWall({ ...day, hour: 13, minute: 0 });
	const [event] = await sql`insert into public.events (title, description, kind, mode,
			starts_at, ends_at, location, address, group_id, sdg_goals, visibility, created_by,
			registration_open, capacity)
		select ${WORKSHOP_TITLE},
			${
				'Hur gör vi kommunerna till arbetsplatser som unga vill flytta till? Två Erfa-grupper ' +
				'arbetar i smågrupper; svaren blir underlag till strategin för kompetensförsörjning.'
			},
			'workshop', 'on_site', ${starts}, ${new Date(starts.getTime() + 3 * 3_600_000)},
			'Ludvika stadshus', 'Fredsgatan 16, 771 31 Ludvika', g.id, ${[4, 8, 11]}, 'public',
			${ids.get('anna.lind@avesta.test')!}, true, 24
		from public.groups g where g.slug = 'attraktivitet' returning id`;
	if (!event) return;
	await sql`insert into public.event_groups (event_id, group_id)
		select ${event.id}, g.id from public.groups g where g.slug = 'kompetensforsorjning'`;
}
