import { beforeAll, describe, expect, it } from 'vitest';
import { buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';
import { answer } from './one-click.ts';
import * as subscriptions from './subscriptions.ts';
import { unsubscribeToken, verifyUnsubscribe } from './tokens.ts';

// Subscribing: anyone by double opt-in, members from their profile; leaving by the signed link
// (page or one-click) and nothing else: a forged token changes nothing.

const db = useTestDatabase({ rest: true });
let member: BuiltUser;

beforeAll(async () => {
	member = await buildUser(db.sql, { email: 'anna@kommun.test' });
});

const row = async (email: string) =>
	(await db.sql`select * from public.newsletter_subscribers where email = ${email}`)[0];

describe('double opt-in', () => {
	it('subscribes only once the link in the mail is confirmed', async () => {
		const asked = await subscriptions.request(db.sql, 'Visitor@Example.test', 'en');
		expect(asked.status).toBe('sent');
		expect(await row('visitor@example.test')).toMatchObject({ confirmed_at: null, locale: 'en' });
		expect(await subscriptions.confirm(db.sql, 'not-the-token')).toBe(false);
		if (asked.status !== 'sent') return;
		expect(await subscriptions.confirm(db.sql, asked.token)).toBe(true);
		expect((await row('visitor@example.test'))!.confirmed_at).not.toBeNull();
		// The link works once.
		expect(await subscriptions.confirm(db.sql, asked.token)).toBe(false);
		// Asking again for a subscribed address sends nothing (and the page says the same).
		expect(await subscriptions.request(db.sql, 'visitor@example.test', 'sv')).toEqual({
			status: 'already'
		});
	});

	it('refuses an expired link', async () => {
		const asked = await subscriptions.request(db.sql, 'late@example.test', 'sv');
		await db.sql`update public.newsletter_subscribers set confirm_expires_at = now() - interval '1 minute'
			where email = 'late@example.test'`;
		expect(asked.status === 'sent' && (await subscriptions.confirm(db.sql, asked.token))).toBe(
			false
		);
	});
});

describe('members', () => {
	it('opt in and out from their profile, with their account address', async () => {
		expect(await subscriptions.isMemberSubscribed(db.sql, member.id)).toBe(false);
		// Subscribed by e-mail before; the opt-in takes that row over instead of doubling it.
		await subscriptions.request(db.sql, member.email, 'sv');
		await subscriptions.setMember(db.sql, { id: member.id, locale: 'sv' }, true);
		expect(await subscriptions.isMemberSubscribed(db.sql, member.id)).toBe(true);
		const rows =
			await db.sql`select user_id from public.newsletter_subscribers where email = ${member.email}`;
		expect(rows).toEqual([{ user_id: member.id }]);
		await subscriptions.setMember(db.sql, { id: member.id, locale: 'sv' }, false);
		expect(await subscriptions.isMemberSubscribed(db.sql, member.id)).toBe(false);
		await subscriptions.setMember(db.sql, { id: member.id, locale: 'sv' }, true);
		expect(await subscriptions.isMemberSubscribed(db.sql, member.id)).toBe(true);
	});
});

describe('unsubscribing', () => {
	it('takes a signed token and refuses a forged or altered one, changing nothing', async () => {
		const id = (await row('visitor@example.test'))!.id as string;
		const token = unsubscribeToken(id);
		expect(verifyUnsubscribe(token)).toBe(id);
		const other = crypto.randomUUID();
		const forged = [
			`${other}.${token.split('.')[1]}`,
			`${token}x`,
			`${id}.AAAA`,
			'',
			'garbage',
			`${token}.extra`
		];
		for (const bad of forged) expect(await subscriptions.unsubscribe(db.sql, bad)).toBe(false);
		expect((await row('visitor@example.test'))!.unsubscribed_at).toBeNull();
		expect(await subscriptions.unsubscribe(db.sql, token)).toBe(true);
		expect((await row('visitor@example.test'))!.unsubscribed_at).not.toBeNull();
	});

	it('answers RFC 8058 one-click posts', async () => {
		const [own] =
			await db.sql`select id from public.newsletter_subscribers where user_id = ${member.id}`;
		const token = unsubscribeToken(own!.id as string);
		expect(await answer(token, 'foo=bar')).toMatchObject({ status: 400 });
		expect(await answer(`${token}x`, 'List-Unsubscribe=One-Click')).toMatchObject({ status: 404 });
		expect(await answer(token, 'List-Unsubscribe=One-Click')).toMatchObject({ status: 200 });
		expect(await subscriptions.isMemberSubscribed(db.sql, member.id)).toBe(false);
	});
});
