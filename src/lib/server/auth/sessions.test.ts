import { describe, expect, it } from 'vitest';
import { useTestDatabase, buildUser } from '../testing/world.ts';
import * as sessions from './sessions.ts';

const db = useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('validates a fresh token and refuses a tampered one', async () => {
		const user = await buildUser(db.sql, { name: 'Vera Valid' });
		const { token } = await sessions.create(db.sql, user.id, 'ua');
		const valid = await sessions.validate(db.sql, token);
		expect(valid?.user).toMatchObject({ id: user.id, name: 'Vera Valid', role: 'member' });
		const tampered = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
		expect(await sessions.validate(db.sql, tampered)).toBeNull();
		expect(await sessions.validate(db.sql, 'not-a-token')).toBeNull();
	});

	it('slides expiry forward once half of it is used, but never past the absolute lifetime', async () => {
		const user = await buildUser(db.sql);
		const start = new Date();
		const { token } = await sessions.create(db.sql, user.id, 'ua', start);
		const at = (days: number) => new Date(start.getTime() + days * DAY);
		const renewed = await sessions.validate(db.sql, token, at(20));
		expect(renewed?.renewed).toBe(true);
		expect(renewed!.session.expiresAt).toEqual(at(50));
		expect((await sessions.validate(db.sql, token, at(45)))!.session.expiresAt).toEqual(at(75));
		expect((await sessions.validate(db.sql, token, at(70)))!.session.expiresAt).toEqual(at(90));
		expect(await sessions.validate(db.sql, token, new Date(start.getTime() + 91 * DAY))).toBeNull();
	});

	it('expires after 30 days without use and deletes the row', async () => {
		const user = await buildUser(db.sql);
		const start = new Date();
		const { token } = await sessions.create(db.sql, user.id, 'ua', start);
		expect(await sessions.validate(db.sql, token, new Date(start.getTime() + 31 * DAY))).toBeNull();
		const rows = await db.sql`select 1 from erfa_private.sessions where user_id = ${user.id}`;
		expect(rows).toHaveLength(0);
	});

	it('lets a person end one of their own sessions but not somebody else’s', async () => {
		const anna = await buildUser(db.sql);
		const erik = await buildUser(db.sql);
		const annas = await sessions.create(db.sql, anna.id, 'ua');
		const eriks = await sessions.create(db.sql, erik.id, 'ua');
		const [eriksRow] = await sessions.listFor(db.sql, erik.id, '');
		expect(await sessions.invalidateOwn(db.sql, anna.id, eriksRow!.id)).toBe(false);
		expect(await sessions.validate(db.sql, eriks.token)).not.toBeNull();
		const [annasRow] = await sessions.listFor(db.sql, anna.id, '');
		expect(await sessions.invalidateOwn(db.sql, anna.id, annasRow!.id)).toBe(true);
		expect(await sessions.validate(db.sql, annas.token)).toBeNull();
	});

	it('signs out everywhere except the current device', async () => {
		const user = await buildUser(db.sql);
		const a = await sessions.create(db.sql, user.id, 'a');
		const b = await sessions.create(db.sql, user.id, 'b');
		const c = await sessions.create(db.sql, user.id, 'c');
		const current = (await sessions.validate(db.sql, a.token))!.session.id;
		expect(await sessions.invalidateAll(db.sql, user.id, current)).toBe(2);
		expect(await sessions.validate(db.sql, a.token)).not.toBeNull();
		expect(await sessions.validate(db.sql, b.token)).toBeNull();
		expect(await sessions.validate(db.sql, c.token)).toBeNull();
	});
});
