import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as programme from './programme.ts';
import { calendar } from './ics.ts';
import { buildEvent, buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';

// The programme: who reads it (as its event), who writes it (the organizers), and the rules
// the database keeps (one session per room at a time, within the event).

const db = useTestDatabase({ rest: true });
const HOUR = 3_600_000;
const day = new Date('2030-05-15T07:00:00Z');
const at = (h: number) => new Date(day.getTime() + h * HOUR);
let organizer: BuiltUser;
let as: { organizer: Db; member: Db; anon: Db };
let publicEvent: string;
let membersEvent: string;

const session = (over: Partial<programme.SessionInput> = {}): programme.SessionInput => ({
	kind: 'session',
	title: 'Hur går det för Agenda 2030?',
	description: '',
	startsAt: at(1),
	endsAt: at(2),
	room: 'Stora salen',
	track: 'Spår A',
	speakers: [
		{ profileId: null, name: 'Karin Ek', title: 'Forskare', organization: 'Örebro universitet' }
	],
	...over
});

beforeAll(async () => {
	organizer = await buildUser(db.sql);
	const member = await buildUser(db.sql);
	as = {
		organizer: await forUser(db.rest, organizer.id),
		member: await forUser(db.rest, member.id),
		anon: anonymous(db.rest)
	};
	const settings = { createdBy: organizer.id, startsAt: day, endsAt: at(8) };
	publicEvent = (await buildEvent(db.sql, settings)).id;
	membersEvent = (await buildEvent(db.sql, { ...settings, visibility: 'members' })).id;
});

describe('the programme', () => {
	it('saves sessions with speakers and refuses a second session in the same room', async () => {
		const first = await programme.save(as.organizer, publicEvent, null, session());
		expect(first.ok).toBe(true);
		const clash = await programme.save(
			as.organizer,
			publicEvent,
			null,
			session({ title: 'Krock', startsAt: at(1.5), endsAt: at(2.5) })
		);
		expect(clash).toMatchObject({
			ok: false,
			reason: 'room_taken',
			other: { title: 'Hur går det för Agenda 2030?' }
		});
		// Another room at the same time, and the same room right after, are fine.
		expect(
			await programme.save(as.organizer, publicEvent, null, session({ room: 'Lilla salen' }))
		).toMatchObject({ ok: true });
		expect(
			await programme.save(
				as.organizer,
				publicEvent,
				null,
				session({ startsAt: at(2), endsAt: at(3) })
			)
		).toMatchObject({ ok: true });
		const titles = (await programme.list(as.anon, publicEvent)).map((s) => s.title);
		expect(titles).not.toContain('Krock');
		const [speakers] = await db.sql`select count(*)::int as n from public.event_session_speakers`;
		expect(speakers!.n).toBe(3);
	});

	it('refuses a session outside the event and edits that would clash', async () => {
		expect(
			await programme.save(
				as.organizer,
				publicEvent,
				null,
				session({ startsAt: at(-2), endsAt: at(-1) })
			)
		).toEqual({ ok: false, reason: 'outside_event' });
		const saved = await programme.save(
			as.organizer,
			publicEvent,
			null,
			session({ startsAt: at(5), endsAt: at(6) })
		);
		const id = saved.ok ? saved.id : '';
		const moved = await programme.save(
			as.organizer,
			publicEvent,
			id,
			session({ startsAt: at(1), endsAt: at(2) })
		);
		expect(moved).toMatchObject({ reason: 'room_taken' });
		expect((await programme.get(as.organizer, publicEvent, id))!.startsAt).toBe(
			at(5).toISOString().replace('.000Z', '+00:00')
		);
	});

	it('copies an Erfa speaker’s name and organization for every reader', async () => {
		const karin = await buildUser(db.sql, { name: 'Karin Lund', organizationSlug: 'ludvika' });
		const speakers = [{ profileId: karin.id, name: null, title: 'Chef', organization: '' }];
		const saved = await programme.save(
			as.organizer,
			publicEvent,
			null,
			session({ room: 'Rum 3', speakers })
		);
		const shown = await programme.get(as.anon, publicEvent, saved.ok ? saved.id : '');
		expect(shown!.speakers).toEqual([
			{
				personId: karin.id,
				name: 'Karin Lund',
				title: 'Chef',
				organization: expect.stringMatching(/Ludvika/)
			}
		]);
	});

	it('is written by organizers only and read as its event', async () => {
		expect(await programme.save(as.member, publicEvent, null, session({ room: 'X' }))).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		await programme.save(as.organizer, membersEvent, null, session());
		expect(await programme.list(as.anon, membersEvent)).toEqual([]);
		expect(await programme.list(as.member, membersEvent)).toHaveLength(1);
		expect((await programme.list(as.anon, publicEvent)).length).toBeGreaterThan(0);
		const files = await as.anon.from('event_session_files').select('id');
		expect(files.error).toBeNull();
	});

	it('keeps the documentation and puts the sessions in the calendar file', async () => {
		const first = (await programme.list(as.organizer, publicEvent)).find(
			(s) => s.room === 'Stora salen'
		);
		expect(
			await programme.document(as.organizer, publicEvent, first!.id, {
				summary: 'Vi gick igenom läget.',
				recordingUrl: 'https://play.example/x'
			})
		).toBe(true);
		expect(
			await programme.document(as.member, publicEvent, first!.id, {
				summary: 'x',
				recordingUrl: null
			})
		).toBe(false);
		const ics = calendar(
			{
				id: publicEvent,
				title: 'Konferens',
				description: '',
				startsAt: day.toISOString(),
				endsAt: at(8).toISOString(),
				location: 'Ludvika',
				onlineUrl: null,
				updatedAt: day.toISOString()
			},
			'https://erfa.example/events/x',
			'erfa.example',
			[{ ...first!, speakers: ['Karin Ek'] }]
		);
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
		expect(ics).toContain('LOCATION:Stora salen\\, Ludvika');
	});
});
