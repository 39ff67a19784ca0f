import { describe, expect, it } from 'vitest';
import { accounts } from './index.ts';
import { sessions } from '../auth/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { buildUser, useTestDatabase } from '../testing/world.ts';

// An account made through an identity provider has no password: it may get a first one (after
// re-authenticating at its provider, which the route requires), never replace one that exists.

const db = useTestDatabase();
const client = { ip: '192.0.2.77' };

async function providerAccount() {
	const user = await buildUser(db.sql);
	await db.sql`delete from erfa_private.credentials where user_id = ${user.id}`;
	return user;
}

describe('a first password', () => {
	it('is set once for an account without one, ending its other sessions', async () => {
		const user = await providerAccount();
		expect(await accounts.hasPassword(db.sql, user.id)).toBe(false);
		const here = await sessions.create(db.sql, user.id, 'vitest');
		const other = await sessions.create(db.sql, user.id, 'vitest');
		const next = 'ett-helt-nytt-losenord-2026';
		const set = await accounts.setFirstPassword(
			db.sql,
			user.id,
			hashToken(here.token),
			next,
			client
		);
		expect(set.kind).toBe('set');
		expect(await accounts.hasPassword(db.sql, user.id)).toBe(true);
		expect(await accounts.checkPassword(db.sql, user.id, next)).toBe(true);
		expect(await sessions.validate(db.sql, here.token)).not.toBeNull();
		expect(await sessions.validate(db.sql, other.token)).toBeNull();
		const again = await accounts.setFirstPassword(
			db.sql,
			user.id,
			hashToken(here.token),
			'x'.repeat(20),
			client
		);
		expect(again.kind).toBe('has_password');
		expect(await accounts.checkPassword(db.sql, user.id, next)).toBe(true);
	});

	it('never replaces the password of an account that has one', async () => {
		const user = await buildUser(db.sql);
		const result = await accounts.setFirstPassword(
			db.sql,
			user.id,
			'none',
			'ett-annat-losenord-2026',
			client
		);
		expect(result.kind).toBe('has_password');
		expect(await accounts.checkPassword(db.sql, user.id, user.password)).toBe(true);
	});

	it('lets an account without a password ask for a new address (re-checked by the route)', async () => {
		const user = await providerAccount();
		const sent = await accounts.sendEmailChange(db.sql, user.id, 'ny.adress@avesta.test', client);
		expect(sent.kind).toBe('sent');
		const [token] = await db.sql`select new_email from erfa_private.email_tokens
			where user_id = ${user.id} and purpose = 'email_change'`;
		expect(token?.new_email).toBe('ny.adress@avesta.test');
	});
});
