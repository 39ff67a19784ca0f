import { beforeAll, describe, expect, it } from 'vitest';
import * as audit from './index.ts';
import { anonymous, forUser } from '../platform/supabase.ts';
import { AUTHENTICATOR_ROLE } from '../platform/services.ts';
import { buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let admin: BuiltUser;
let anna: BuiltUser;

beforeAll(async () => {
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	await audit.record(db.sql, {
		action: 'user.role_changed',
		actorId: admin.id,
		ip: '192.0.2.7',
		subject: { type: 'user', id: anna.id, label: 'Anna Lind' },
		details: { role: 'researcher', password: 'never stored', clientSecret: 'nor this' }
	});
	await audit.record(db.sql, {
		action: 'auth.sign_in_failed',
		ip: '192.0.2.8',
		details: { method: 'password', email: 'nobody@example.test' }
	});
});

const count = async () =>
	(await db.sql`select count(*)::int as n from erfa_private.audit_log`)[0]!.n as number;

describe('recording', () => {
	it('keeps who, what, when, from where, and drops anything that looks like a secret', async () => {
		const page = await audit.list(db.sql, { action: 'user.role_changed' });
		expect(page.rows).toHaveLength(1);
		expect(page.rows[0]).toMatchObject({
			actorId: admin.id,
			actorName: 'Maria Admin',
			subjectLabel: 'Anna Lind',
			ip: '192.0.2.7',
			details: { role: 'researcher' }
		});
		expect(Date.now() - Date.parse(page.rows[0]!.at)).toBeLessThan(60_000);
	});

	it('filters by person (actor, subject or typed address) and by day', async () => {
		expect((await audit.list(db.sql, { person: 'anna' })).total).toBe(1);
		expect((await audit.list(db.sql, { person: 'nobody@' })).rows[0]?.action).toBe(
			'auth.sign_in_failed'
		);
		const today = new Date().toISOString().slice(0, 10);
		expect((await audit.list(db.sql, { from: today, to: today })).total).toBe(2);
		expect((await audit.list(db.sql, { to: '2020-01-01' })).total).toBe(0);
		expect((await audit.list(db.sql, { person: '%' })).total).toBe(0);
	});
});

describe('append-only for every role the app and PostgREST use', () => {
	const roles = ['anon', 'authenticated', 'service_role', AUTHENTICATOR_ROLE];

	it('refuses UPDATE, DELETE and TRUNCATE to the owner the app connects as', async () => {
		await expect(db.sql`update erfa_private.audit_log set action = 'post.hidden'`).rejects.toThrow(
			/append-only/
		);
		await expect(db.sql`delete from erfa_private.audit_log`).rejects.toThrow(/append-only/);
		await expect(db.sql`truncate erfa_private.audit_log`).rejects.toThrow(/append-only/);
		expect(await count()).toBe(2);
	});

	it.each(roles)('refuses %s reading, changing, deleting or pruning', async (role) => {
		const as = (statement: string) =>
			db.sql.begin(async (tx) => {
				await tx.unsafe(`set local role ${role}`);
				return tx.unsafe(statement);
			});
		for (const statement of [
			'select * from erfa_private.audit_log',
			"update erfa_private.audit_log set action = 'post.hidden'",
			'delete from erfa_private.audit_log',
			"insert into erfa_private.audit_log (action) values ('post.hidden')",
			'select erfa_private.prune_audit_log()'
		]) {
			await expect(as(statement)).rejects.toThrow(/permission denied/);
		}
		expect(await count()).toBe(2);
	});

	it('keeps the log out of the REST API for anonymous and signed-in callers', async () => {
		for (const client of [anonymous(db.rest), await forUser(db.rest, admin.id)]) {
			const { data, error } = await client.schema('erfa_private').from('audit_log').select('*');
			expect(data).toBeNull();
			expect(error).not.toBeNull();
		}
	});
});

describe('pruning', () => {
	it('removes only entries past the retention, and only through the maintenance function', async () => {
		await db.sql`insert into erfa_private.audit_log (at, action)
			values (now() - interval '366 days', 'post.hidden')`;
		// Setting the flag by hand does not let anyone delete a recent entry.
		await expect(
			db.sql.begin(async (tx) => {
				await tx`select set_config('erfa.audit_pruning', 'on', true)`;
				await tx`delete from erfa_private.audit_log where action = 'user.role_changed'`;
			})
		).rejects.toThrow(/append-only/);
		await expect(
			db.sql`delete from erfa_private.audit_log where at < now() - interval '1 year'`
		).rejects.toThrow(/append-only/);
		expect(await audit.prune(db.sql)).toBe(1);
		expect(await count()).toBe(2);
	});
});
