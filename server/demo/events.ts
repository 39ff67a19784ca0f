import type { TransactionSql } from 'postgres';
import { fromWall, nextWall, swedishDay } from '../../src/lib/server/events/time.ts';

// Demo events: the yearly conference "Bergslagen 2030" on the next 15 May (always upcoming,
// whenever the demo runs) and a seminar that has taken place. Idempotent by title; a
// conference left in the past by an old demo database moves to the next 15 May.

const HOUR = 3600 * 1000;

export const CONFERENCE_TITLE = 'Bergslagen 2030 – årskonferens';

const conference = {
	title: CONFERENCE_TITLE,
	kind: 'conference',
	description:
		'Nätverkets årliga konferens om hållbar utveckling i Bergslagen.\n\n' +
		'- **Förmiddag:** Hur går det för Agenda 2030 i våra kommuner?\n' +
		'- **Eftermiddag:** Workshoppar om kompetensförsörjning och attraktivitet\n\n' +
		'Lunch och fika ingår. Konferensen sänds också digitalt.',
	location: 'Folkets hus, Ludvika',
	onlineUrl: 'https://bergslaget.example/konferens-2030',
	goals: [4, 8, 9, 11, 17]
};

const seminar = {
	title: 'Seminarium: Välkomstsamtal som får nyinflyttade att stanna',
	kind: 'seminar',
	description:
		'Erfa-gruppen Attraktivitet berättade om Avestas välkomstpaket och vad forskningen säger om varför unga vuxna stannar.',
	location: 'Avesta stadshus',
	onlineUrl: null,
	goals: [8, 11]
};

export async function seedDemoEvents(
	sql: TransactionSql,
	userIds: Map<string, string>
): Promise<void> {
	const admin = userIds.get('admin@erfa.test')!;
	const now = new Date();
	const starts = nextWall(now, 5, 15, 9);
	const [existing] =
		await sql`select id, starts_at from public.events where title = ${conference.title}`;
	if (!existing) {
		await insert(sql, conference, starts, new Date(starts.getTime() + 7 * HOUR), admin);
	} else if ((existing.starts_at as Date) < now) {
		await sql`update public.events set starts_at = ${starts},
			ends_at = ${new Date(starts.getTime() + 7 * HOUR)} where id = ${existing.id}`;
	}
	const [held] = await sql`select 1 from public.events where title = ${seminar.title}`;
	if (!held) {
		// Three weeks ago, 13:00–15:00 Swedish time.
		const day = swedishDay(new Date(now.getTime() - 21 * 24 * HOUR));
		const start = fromWall({ ...day, hour: 13, minute: 0 });
		await insert(sql, seminar, start, new Date(start.getTime() + 2 * HOUR), admin);
	}
}

async function insert(
	sql: TransactionSql,
	e: typeof conference | typeof seminar,
	starts: Date,
	ends: Date,
	createdBy: string
): Promise<void> {
	await sql`insert into public.events (title, description, kind, starts_at, ends_at, location,
			online_url, organization_id, sdg_goals, visibility, created_by)
		select ${e.title}, ${e.description}, ${e.kind}, ${starts}, ${ends}, ${e.location},
			${e.onlineUrl}, o.id, ${e.goals}, 'public', ${createdBy}
		from public.organizations o where o.slug = 'intresseforeningen-bergslaget'`;
}
