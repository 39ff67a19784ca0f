import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as guests from './guests.ts';
import { notify } from './notices.ts';
import * as registrations from './registrations.ts';
import { buildEvent, buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';

// An organizer cancels a registration from the participant list: like the participant's own
// cancel, exactly one waiting person moves up; the participant is told in their language, and
// a guest's mails say to cancel with their link (they have no account).

const db = useTestDatabase({ rest: true });
let organizer: Db;
let anna: BuiltUser;
let annaDb: Db;
let bo: BuiltUser;
let boDb: Db;
let eventId: string;

async function lastMail(to: string) {
	const [mail] = await db.sql`select subject, body_text from public.outbox
		where to_address = ${to} order by id desc limit 1`;
	return mail as { subject: string; body_text: string } | undefined;
}

async function status(id: string) {
	const [row] = await db.sql`select status from public.event_registrations where id = ${id}`;
	return row!.status as string;
}

beforeAll(async () => {
	const owner = await buildUser(db.sql);
	organizer = await forUser(db.rest, owner.id);
	anna = await buildUser(db.sql);
	bo = await buildUser(db.sql);
	annaDb = await forUser(db.rest, anna.id);
	boDb = await forUser(db.rest, bo.id);
	await db.sql`update public.accounts set locale = 'en' where user_id = ${anna.id}`;
	eventId = (await buildEvent(db.sql, { createdBy: owner.id, title: 'Workshop om vatten' })).id;
	await db.sql`update public.events set registration_open = true, capacity = 1 where id = ${eventId}`;
});

describe('an organizer cancels a registration', () => {
	it('frees exactly one place for the first on the waitlist and mails both', async () => {
		const first = await registrations.register(annaDb, eventId, 'on_site');
		expect(first).toMatchObject({ ok: true, status: 'confirmed' });
		await guests.request(db.sql, eventId, {
			name: 'Gunilla Gäst',
			email: 'gunilla@example.test',
			organization: 'Stålverket',
			mode: 'on_site',
			answers: {}
		});
		const link = await lastMail('gunilla@example.test');
		const token = /token=([A-Za-z0-9_-]{43})/.exec(link!.body_text)![1]!;
		expect(await guests.confirm(db.sql, token)).toMatchObject({ status: 'waitlisted' });
		const second = await registrations.register(boDb, eventId, 'on_site');
		expect(second).toMatchObject({ status: 'waitlisted', position: 2 });

		// Bo is no organizer: he cannot cancel Anna's registration.
		const annaId = first.ok ? first.id : '';
		expect(await registrations.cancel(boDb, annaId)).toEqual({ ok: false });
		const done = await registrations.cancel(organizer, annaId);
		expect(done).toMatchObject({ ok: true, cancelled: true });
		expect(done.ok && done.promoted).toHaveLength(1);
		expect(await status(annaId)).toBe('cancelled');
		expect(await status(second.ok ? second.id : '')).toBe('waitlisted');
		// A second click cancels nothing and moves nobody.
		expect(await registrations.cancel(organizer, annaId)).toEqual({
			ok: true,
			cancelled: false,
			promoted: []
		});

		await notify('cancelled', [annaId]);
		await notify('promoted', done.ok ? done.promoted : []);
		const told = await lastMail(anna.email);
		expect(told!.subject).toBe('Your registration is cancelled: Workshop om vatten');
		expect(told!.body_text).toContain('The organizer has cancelled your registration');
		expect(told!.body_text).not.toMatch(/Can't come/);
		const promoted = await lastMail('gunilla@example.test');
		expect(promoted!.subject).toBe('Du har fått en plats: Workshop om vatten');
		expect(promoted!.body_text).toContain('Avboka med länken i det första mejlet');
		expect(promoted!.body_text).not.toContain('Avboka på evenemangets sida');
	});

	it('mails a guest in the language they registered in', async () => {
		const [row] = await db.sql`select id from public.event_registrations
			where event_id = ${eventId} and guest_email = 'gunilla@example.test'`;
		await db.sql`update public.event_registrations set guest_locale = 'en' where id = ${row!.id}`;
		await notify('cancelled', [row!.id as string]);
		const told = await lastMail('gunilla@example.test');
		expect(told!.subject).toBe('Your registration is cancelled: Workshop om vatten');
		await notify('confirmed', [row!.id as string]);
		expect((await lastMail('gunilla@example.test'))!.body_text).toContain(
			'Cancel with the link in our first e-mail'
		);
	});
});
