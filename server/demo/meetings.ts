import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TransactionSql } from 'postgres';
import { blobPath } from '../../src/lib/server/events/slide-store.ts';
import { fromWall, swedishDay } from '../../src/lib/server/events/time.ts';
import { CONFERENCE_TITLE } from './events.ts';
import { seedDemoWorkshop } from './workshop.ts';

// Demo meetings: the Bergslagen 2030 conference becomes hybrid with registration in Erfa,
// questions, a two-track programme and three registrations; the past seminar gets its
// programme with summaries, a recording and slides. Runs after seedDemoEvents; idempotent
// (an event that already has a programme is left as it is).

export const SEMINAR_TITLE = 'Seminarium: Välkomstsamtal som får nyinflyttade att stanna';

type Speaker = { email?: string; name?: string; title?: string; organization?: string };
interface Item {
	at: [number, number];
	to: [number, number];
	title: string;
	kind?: 'break';
	room?: string;
	track?: string;
	description?: string;
	speakers?: Speaker[];
	summary?: string;
	recording?: string;
	slides?: string;
}

const conferenceProgramme: Item[] = [
	{
		at: [9, 0],
		to: [9, 30],
		title: 'Välkomna till Bergslagen 2030',
		room: 'Stora salen',
		speakers: [{ email: 'admin@erfa.test' }]
	},
	{
		at: [9, 30],
		to: [10, 30],
		title: 'Hur går det för Agenda 2030 i Bergslagens kommuner?',
		room: 'Stora salen',
		description:
			'Läget för de globala målen i de fem länen, med exempel från kommunernas egna uppföljningar.',
		speakers: [{ email: 'sara.holm@oru.test' }]
	},
	{ at: [10, 30], to: [11, 0], title: 'Fika', kind: 'break' },
	{
		at: [11, 0],
		to: [12, 0],
		title: 'Panel: Kompetensförsörjning i industrins Bergslagen',
		room: 'Stora salen',
		speakers: [
			{
				name: 'Karin Johansson',
				title: 'Regional utvecklingsdirektör',
				organization: 'Region Dalarna'
			},
			{ name: 'Per Nilsson', title: 'HR-chef', organization: 'Bergslagens Stål AB' },
			{ email: 'anna.lind@avesta.test' }
		]
	},
	{ at: [12, 0], to: [13, 0], title: 'Lunch', kind: 'break' },
	{
		at: [13, 0],
		to: [14, 30],
		title: 'Workshop: Hur lockar vi unga yrkesverksamma?',
		room: 'Sal A',
		track: 'Spår A – Kompetens',
		speakers: [{ email: 'erik.berg@ludvika.test' }]
	},
	{
		at: [13, 0],
		to: [14, 30],
		title: 'Workshop: Attraktiva stationssamhällen',
		room: 'Sal B',
		track: 'Spår B – Attraktivitet',
		speakers: [{ name: 'Lena Ström', title: 'Planarkitekt', organization: 'Lindesbergs kommun' }]
	},
	{ at: [14, 30], to: [15, 0], title: 'Fika', kind: 'break' },
	{
		at: [15, 0],
		to: [16, 0],
		title: 'Workshopparnas resultat och nästa steg',
		room: 'Stora salen',
		speakers: [{ email: 'admin@erfa.test' }]
	}
];

const seminarProgramme: Item[] = [
	{
		at: [13, 0],
		to: [13, 45],
		title: 'Avestas välkomstpaket för nyinflyttade',
		room: 'Stadshusets sessionssal',
		speakers: [{ email: 'anna.lind@avesta.test' }],
		summary:
			'Anna Lind visade hur Avesta ringer upp varje ny invånare inom en månad. **Åtta av tio** tackar ja till ett välkomstsamtal.',
		slides: 'Välkomstpaketet – Avesta.pdf'
	},
	{
		at: [13, 45],
		to: [14, 30],
		title: 'Vad säger forskningen om varför unga vuxna stannar?',
		room: 'Stadshusets sessionssal',
		speakers: [{ email: 'sara.holm@oru.test' }],
		summary:
			'Sara Holm sammanfattade studier om platsanknytning: arbete, bostad och sociala nätverk väger tyngst.',
		recording: 'https://play.bergslaget.example/seminarium-valkomstsamtal',
		slides: 'Unga vuxna som stannar – Holm.pdf'
	},
	{ at: [14, 30], to: [15, 0], title: 'Samtal och frågor', room: 'Stadshusets sessionssal' }
];

function pdf(title: string): Uint8Array {
	const text = title.replace(/[()\\]/g, '');
	return new TextEncoder().encode(
		'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
			'2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
			`3 0 obj <</Title (${text})>> endobj\ntrailer <</Root 1 0 R /Info 3 0 R>>\n%%EOF\n`
	);
}

async function storeSlides(name: string): Promise<{ sha256: string; size: number }> {
	const bytes = pdf(name);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const path = blobPath(sha256);
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, bytes);
	return { sha256, size: bytes.byteLength };
}

async function addSession(
	sql: TransactionSql,
	eventId: string,
	day: Date,
	item: Item,
	ids: Map<string, string>
) {
	const d = swedishDay(day);
	const [row] = await sql`insert into public.event_sessions (event_id, kind, title, description,
			starts_at, ends_at, room, track, summary, recording_url)
		values (${eventId}, ${item.kind ?? 'session'}, ${item.title}, ${item.description ?? ''},
			${fromWall({ ...d, hour: item.at[0], minute: item.at[1] })},
			${fromWall({ ...d, hour: item.to[0], minute: item.to[1] })}, ${item.room ?? ''},
			${item.track ?? ''}, ${item.summary ?? ''}, ${item.recording ?? null})
		returning id`;
	for (const [i, s] of (item.speakers ?? []).entries()) {
		const profile = s.email ? (ids.get(s.email) ?? null) : null;
		await sql`insert into public.event_session_speakers (session_id, position, profile_id, name, title, organization)
			select ${row!.id}, ${i}, ${profile}, coalesce(${s.name ?? null}, p.name),
				coalesce(${s.title ?? null}, p.title, ''), coalesce(${s.organization ?? null}, o.name, '')
			from (select 1) one left join public.profiles p on p.id = ${profile}
			left join public.organizations o on o.id = p.organization_id`;
	}
	if (item.slides) {
		const { sha256, size } = await storeSlides(item.slides);
		await sql`insert into public.event_session_files (session_id, filename, media_type, size_bytes, sha256)
			values (${row!.id}, ${item.slides}, 'application/pdf', ${size}, ${sha256})`;
	}
}

async function registrations(sql: TransactionSql, eventId: string, ids: Map<string, string>) {
	const [diet] = await sql`insert into public.event_questions (event_id, position, label, sensitive)
		values (${eventId}, 0, 'Specialkost eller allergier', true) returning id`;
	const [workshop] =
		await sql`insert into public.event_questions (event_id, position, label, choices, required)
		values (${eventId}, 1, 'Vilken workshop väljer du?',
			${['Spår A – Kompetens', 'Spår B – Attraktivitet']}, true) returning id`;
	const people: [string, 'on_site' | 'online', Record<string, string>][] = [
		[
			'anna.lind@avesta.test',
			'on_site',
			{ [diet!.id]: 'Vegetarisk', [workshop!.id]: 'Spår B – Attraktivitet' }
		],
		['erik.berg@ludvika.test', 'online', { [workshop!.id]: 'Spår A – Kompetens' }],
		['sara.holm@oru.test', 'on_site', { [workshop!.id]: 'Spår A – Kompetens' }]
	];
	for (const [email, mode, answers] of people) {
		await sql`insert into public.event_registrations (event_id, user_id, mode, status, answers, confirmed_at)
			values (${eventId}, ${ids.get(email)!}, ${mode}, 'confirmed', ${sql.json(answers)}, now())`;
	}
}

export async function seedDemoMeetings(
	sql: TransactionSql,
	ids: Map<string, string>
): Promise<void> {
	// A conference moved on to next year (seedDemoEvents) leaves last year's programme behind.
	const [conference] =
		await sql`select e.id, e.starts_at, exists (select 1 from public.event_sessions s
		where s.event_id = e.id and s.starts_at >= e.starts_at) as planned
		from public.events e where e.title = ${CONFERENCE_TITLE}`;
	if (conference && !conference.planned) {
		await sql`delete from public.event_sessions where event_id = ${conference.id}`;
		await sql`delete from public.event_questions where event_id = ${conference.id}`;
		await sql`delete from public.event_registrations where event_id = ${conference.id}`;
		const starts = conference.starts_at as Date;
		await sql`update public.events set mode = 'hybrid', address = 'Eriksgatan 4, 771 30 Ludvika',
			registration_open = true, capacity = 120, capacity_online = 40,
			registration_deadline = ${new Date(starts.getTime() - 7 * 86_400_000)}
			where id = ${conference.id}`;
		for (const item of conferenceProgramme) await addSession(sql, conference.id, starts, item, ids);
		await registrations(sql, conference.id, ids);
	}
	const [seminar] =
		await sql`select e.id, e.starts_at, exists (select 1 from public.event_sessions s
		where s.event_id = e.id) as planned from public.events e where e.title = ${SEMINAR_TITLE}`;
	if (seminar && !seminar.planned) {
		for (const item of seminarProgramme)
			await addSession(sql, seminar.id, seminar.starts_at as Date, item, ids);
	}
	await seedDemoWorkshop(sql, ids);
}
