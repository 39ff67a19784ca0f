import { beforeAll, describe, expect, it } from 'vitest';
import * as guests from './guests.ts';
import { buildEvent, buildUser, useTestDatabase } from '../testing/world.ts';

// Guests register with double opt-in: nothing is held until the mailed link is followed; then
// places are handed out like a member's. Forged tokens name nothing.

const db = useTestDatabase({ rest: true });
let eventId: string;

const guest = (email: string): guests.GuestInput => ({
	name: 'Gunilla Gäst',
	email,
	organization: 'Bergslagens Stål AB',
	mode: 'on_site',
	answers: {}
});

async function tokenFromMail(to: string): Promise<string> {
	const [mail] = await db.sql`select body_text from public.outbox where to_address = ${to}
		order by id desc limit 1`;
	return /token=([A-Za-z0-9_-]{43})/.exec(mail!.body_text as string)![1]!;
}

beforeAll(async () => {
	const organizer = await buildUser(db.sql);
	eventId = (await buildEvent(db.sql, { createdBy: organizer.id })).id;
	await db.sql`update public.events set registration_open = true, capacity = 1 where id = ${eventId}`;
});

describe('guest registration', () => {
	it('holds nothing until confirmed, then takes the place; the next guest waits and moves up', async () => {
		expect(await guests.request(db.sql, eventId, guest('gunilla@example.test'))).toEqual({
			ok: true
		});
		const first = await tokenFromMail('gunilla@example.test');
		expect(await guests.status(db.sql, first)).toMatchObject({ status: 'pending' });
		await guests.request(db.sql, eventId, guest('hans@example.test'));
		const second = await tokenFromMail('hans@example.test');
		// Hans confirms first, so he gets the one place although Gunilla asked first.
		expect(await guests.confirm(db.sql, second)).toMatchObject({ ok: true, status: 'confirmed' });
		expect(await guests.confirm(db.sql, first)).toMatchObject({
			ok: true,
			status: 'waitlisted',
			position: 1
		});
		// Following the link again changes nothing.
		expect(await guests.confirm(db.sql, first)).toMatchObject({ status: 'waitlisted' });
		expect(await guests.cancel(db.sql, second)).toBe(true);
		expect(await guests.status(db.sql, first)).toMatchObject({ status: 'confirmed' });
		const [mail] = await db.sql`select subject from public.outbox
			where to_address = 'gunilla@example.test' order by id desc limit 1`;
		expect(mail!.subject).toMatch(/^Du har fått en plats/);
	});

	it('refuses forged tokens, members-only events and a second registration', async () => {
		expect(await guests.confirm(db.sql, 'A'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
		expect(await guests.confirm(db.sql, 'kort')).toEqual({ ok: false, reason: 'unknown' });
		expect(await guests.status(db.sql, 'A'.repeat(43))).toBeNull();
		expect(await guests.cancel(db.sql, '../x')).toBe(false);
		const members = (await buildEvent(db.sql, { visibility: 'members' })).id;
		await db.sql`update public.events set registration_open = true where id = ${members}`;
		expect(await guests.request(db.sql, members, guest('x@example.test'))).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await guests.request(db.sql, eventId, guest('gunilla@example.test'))).toEqual({
			ok: false,
			reason: 'already_registered'
		});
	});
});
