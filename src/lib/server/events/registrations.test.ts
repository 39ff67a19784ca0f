import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as registrations from './registrations.ts';
import * as questions from './questions.ts';
import {
	buildEvent,
	buildGroup,
	buildUser,
	useTestDatabase,
	type BuiltUser
} from '../testing/world.ts';

// Registration through the REST API as the app does it: places are handed out by the
// database, so 50 people registering at once for 10 places give exactly 10 confirmed.

const db = useTestDatabase({ rest: true });
const DAY = 86_400_000;
let organizer: BuiltUser;
let outsider: BuiltUser;
let as: { organizer: Db; outsider: Db; anon: Db };

async function openEvent(settings: Record<string, unknown> = {}): Promise<string> {
	const { id } = await buildEvent(db.sql, { createdBy: organizer.id });
	const values = { registration_open: true, capacity: 10, ...settings };
	await db.sql`update public.events set ${db.sql(values)} where id = ${id}`;
	return id;
}

async function people(n: number): Promise<{ user: BuiltUser; db: Db }[]> {
	const list = [];
	for (let i = 0; i < n; i++) {
		const user = await buildUser(db.sql);
		list.push({ user, db: await forUser(db.rest, user.id) });
	}
	return list;
}

async function statuses(eventId: string) {
	return db.sql<{ user_id: string; status: string; seq: string }[]>`
		select user_id, status, seq from public.event_registrations
		where event_id = ${eventId} order by seq`;
}

beforeAll(async () => {
	organizer = await buildUser(db.sql);
	outsider = await buildUser(db.sql);
	as = {
		organizer: await forUser(db.rest, organizer.id),
		outsider: await forUser(db.rest, outsider.id),
		anon: anonymous(db.rest)
	};
});

describe('capacity under contention', () => {
	it('gives 10 places to 50 racing registrations, waitlists 40 in order, promotes one', async () => {
		const eventId = await openEvent();
		const crowd = await people(50);
		const results = await Promise.all(
			crowd.map((p) => registrations.register(p.db, eventId, 'on_site'))
		);
		expect(results.filter((r) => r.ok && r.status === 'confirmed')).toHaveLength(10);
		const waiting = results.filter((r) => r.ok && r.status === 'waitlisted');
		expect(waiting).toHaveLength(40);
		expect(waiting.map((r) => (r.ok ? r.position : 0)).sort((a, b) => a! - b!)).toEqual(
			Array.from({ length: 40 }, (_, i) => i + 1)
		);
		const rows = await statuses(eventId);
		// Arrival order is the queue: the first ten to get the lock hold the places.
		expect(rows.slice(0, 10).every((r) => r.status === 'confirmed')).toBe(true);
		expect(rows.slice(10).every((r) => r.status === 'waitlisted')).toBe(true);

		const leaving = crowd.find((p) => p.user.id === rows[3]!.user_id)!;
		const mine = await registrations.mine(leaving.db, leaving.user.id, eventId);
		const cancelled = await registrations.cancel(leaving.db, mine!.id);
		expect(cancelled).toMatchObject({ ok: true });
		expect(cancelled.ok && cancelled.promoted).toHaveLength(1);
		const after = await statuses(eventId);
		expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(10);
		expect(after.find((r) => r.user_id === rows[10]!.user_id)!.status).toBe('confirmed');
		const next = crowd.find((p) => p.user.id === rows[11]!.user_id)!;
		expect(await registrations.mine(next.db, next.user.id, eventId)).toMatchObject({
			status: 'waitlisted',
			position: 1
		});
	});

	it('cancelling twice promotes only once', async () => {
		const eventId = await openEvent({ capacity: 1 });
		const [a, b, c] = await people(3);
		const first = await registrations.register(a!.db, eventId, 'on_site');
		await registrations.register(b!.db, eventId, 'on_site');
		await registrations.register(c!.db, eventId, 'on_site');
		const id = first.ok ? first.id : '';
		const both = await Promise.all([
			registrations.cancel(a!.db, id),
			registrations.cancel(a!.db, id)
		]);
		expect(both.flatMap((r) => (r.ok ? r.promoted : []))).toHaveLength(1);
		expect((await registrations.places(a!.db, eventId)).confirmed).toBe(1);
	});
});

describe('rules of registration', () => {
	it('keeps per-mode capacity and lets online participants in when on-site is full', async () => {
		const eventId = await openEvent({ mode: 'hybrid', capacity: 3, capacity_on_site: 1 });
		const [a, b, c] = await people(3);
		expect(await registrations.register(a!.db, eventId, 'on_site')).toMatchObject({
			status: 'confirmed'
		});
		expect(await registrations.register(b!.db, eventId, 'on_site')).toMatchObject({
			status: 'waitlisted'
		});
		expect(await registrations.register(c!.db, eventId, 'online')).toMatchObject({
			status: 'confirmed'
		});
	});

	it('refuses closed registration, a passed deadline, the wrong mode and twice', async () => {
		const [p] = await people(1);
		const closed = await openEvent({ registration_open: false });
		expect(await registrations.register(p!.db, closed, 'on_site')).toEqual({
			ok: false,
			reason: 'closed'
		});
		const late = await openEvent({ registration_deadline: new Date(Date.now() - DAY) });
		expect(await registrations.register(p!.db, late, 'on_site')).toMatchObject({
			reason: 'deadline_passed'
		});
		const onSite = await openEvent();
		expect(await registrations.register(p!.db, onSite, 'online')).toMatchObject({
			reason: 'wrong_mode'
		});
		await registrations.register(p!.db, onSite, 'on_site');
		expect(await registrations.register(p!.db, onSite, 'on_site')).toMatchObject({
			reason: 'already_registered'
		});
		expect(await registrations.register(as.anon, onSite, 'on_site')).toMatchObject({ ok: false });
	});

	it('refuses bad settings in the database itself', async () => {
		const eventId = await openEvent();
		await expect(
			db.sql`update public.events set capacity = 0 where id = ${eventId}`
		).rejects.toThrow();
		await expect(
			db.sql`update public.events set registration_deadline = ends_at + interval '1 day'
				where id = ${eventId}`
		).rejects.toThrow();
	});

	it('refuses events in a closed group to non-members', async () => {
		const group = await buildGroup(db.sql, { visibility: 'closed' });
		const { id } = await buildEvent(db.sql, { groupId: group.id, createdBy: organizer.id });
		await db.sql`update public.events set registration_open = true where id = ${id}`;
		expect(await registrations.register(as.outsider, id, 'on_site')).toMatchObject({
			reason: 'not_found'
		});
	});
});

describe('the participant list and the online link', () => {
	it('shows the list and answers to organizers only, and the link to confirmed participants', async () => {
		const eventId = await openEvent({ mode: 'hybrid', capacity: 1 });
		await db.sql`insert into public.event_online_links (event_id, url)
			values (${eventId}, 'https://meet.example/secret')`;
		await questions.add(as.organizer, eventId, {
			label: 'Specialkost',
			choices: [],
			required: false,
			sensitive: true
		});
		const [q] = await questions.list(as.organizer, eventId);
		const [a, b] = await people(2);
		await registrations.register(a!.db, eventId, 'online', { [q!.id]: 'Vegetarisk' });
		await registrations.register(b!.db, eventId, 'online');

		const list = await registrations.participants(as.organizer, eventId);
		expect(list.map((p) => [p.name, p.status, p.email])).toEqual([
			[a!.user.name, 'confirmed', a!.user.email],
			[b!.user.name, 'waitlisted', b!.user.email]
		]);
		expect(list[0]!.answers[q!.id]).toBe('Vegetarisk');
		expect(await registrations.participants(a!.db, eventId)).toHaveLength(1);
		expect(await registrations.participants(as.outsider, eventId)).toEqual([]);
		const anon = await as.anon.from('event_registrations').select('id').eq('event_id', eventId);
		expect(anon.data ?? []).toEqual([]);

		const link = async (who: Db) =>
			(await who.from('event_online_links').select('url').eq('event_id', eventId)).data;
		expect(await link(a!.db)).toEqual([{ url: 'https://meet.example/secret' }]);
		expect(await link(b!.db)).toEqual([]);
		expect(await link(as.outsider)).toEqual([]);
		expect(await link(as.anon)).toEqual([]);
		expect(await link(as.organizer)).toHaveLength(1);
		const row = await as.anon.from('events').select('online_url').eq('id', eventId).single();
		expect(row.data).toEqual({ online_url: null });
	});

	it('lets organizers, and nobody else, mark attendance', async () => {
		const eventId = await openEvent();
		const [a] = await people(1);
		const r = await registrations.register(a!.db, eventId, 'on_site');
		const id = r.ok ? r.id : '';
		expect(await registrations.markAttended(a!.db, eventId, id, true)).toBe(false);
		expect(await registrations.markAttended(as.organizer, eventId, id, true)).toBe(true);
		expect((await registrations.participants(as.organizer, eventId))[0]!.attended).toBe(true);
		await expect(
			as.outsider.rpc('cancel_event_registration', { p_registration: id })
		).resolves.toMatchObject({ data: { ok: false } });
	});

	it('moves an online link written to events into its own table', async () => {
		const eventId = await openEvent();
		await db.sql`update public.events set online_url = 'https://meet.example/x' where id = ${eventId}`;
		const [row] = await db.sql`select e.online_url, l.url from public.events e
			join public.event_online_links l on l.event_id = e.id where e.id = ${eventId}`;
		expect(row).toEqual({ online_url: null, url: 'https://meet.example/x' });
	});
});

describe('e-mails', () => {
	it('sends the confirmation with the calendar file, and tells the one moved up', async () => {
		const { notify } = await import('./notices.ts');
		const eventId = await openEvent({ capacity: 1 });
		const [a, b] = await people(2);
		const first = await registrations.register(a!.db, eventId, 'on_site');
		const second = await registrations.register(b!.db, eventId, 'on_site');
		await notify('confirmed', [first.ok ? first.id : '']);
		await notify('waitlisted', [second.ok ? second.id : '']);
		const cancelled = await registrations.cancel(a!.db, first.ok ? first.id : '');
		await notify('promoted', cancelled.ok ? cancelled.promoted : []);
		const mails = await db.sql<{ to_address: string; subject: string; attachments: unknown }[]>`
			select to_address, subject, attachments from public.outbox
			where to_address in (${a!.user.email}, ${b!.user.email}) order by id`;
		expect(mails.map((x) => [x.to_address, x.subject.split(':')[0]])).toEqual([
			[a!.user.email, 'Du är anmäld'],
			[b!.user.email, 'Du står på väntelistan'],
			[b!.user.email, 'Du har fått en plats']
		]);
		const files = mails[2]!.attachments as { filename: string; content: string }[];
		expect(files[0]!.content).toContain('BEGIN:VEVENT');
		expect(mails[1]!.attachments).toBeNull();
	});
});

describe('sensitive answers', () => {
	it('are deleted a day after the event, the other answers kept', async () => {
		const { purge } = await import('../platform/maintenance.ts');
		const eventId = await openEvent();
		await questions.add(as.organizer, eventId, {
			label: 'Allergier',
			choices: [],
			required: false,
			sensitive: true
		});
		await questions.add(as.organizer, eventId, {
			label: 'Workshop',
			choices: ['A', 'B'],
			required: false,
			sensitive: false
		});
		const [allergy, workshop] = await questions.list(as.organizer, eventId);
		const [p] = await people(1);
		await registrations.register(p!.db, eventId, 'on_site', {
			[allergy!.id]: 'Nötter',
			[workshop!.id]: 'B'
		});
		await purge(db.sql);
		expect((await registrations.participants(as.organizer, eventId))[0]!.answers).toHaveProperty(
			allergy!.id
		);
		await db.sql`update public.events set starts_at = now() - interval '3 days',
			ends_at = now() - interval '2 days', registration_deadline = null where id = ${eventId}`;
		expect((await purge(db.sql)).sensitiveAnswers).toBe(1);
		expect((await registrations.participants(as.organizer, eventId))[0]!.answers).toEqual({
			[workshop!.id]: 'B'
		});
	});
});
