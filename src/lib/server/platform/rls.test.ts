import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, anonymous } from './supabase.ts';
import { useTestDatabase, buildUser, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let admin: BuiltUser;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	erik = await buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' });
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
});

describe('migrations', () => {
	it('apply from zero and are recorded in the Supabase CLI table', async () => {
		const rows = await db.sql`select version from supabase_migrations.schema_migrations`;
		expect(rows.map((r) => r.version)).toContain('20261122000000');
		const [row] = await db.sql`select count(*)::int as count from public.sdg_targets`;
		expect(row?.count).toBe(169);
	});
});

describe('row-level security through supabase-js', () => {
	it('lets anonymous callers read public reference data but no people', async () => {
		const anon = anonymous(db.rest);
		const goals = await anon.from('sdg_goals').select('number');
		expect(goals.data).toHaveLength(17);
		const orgs = await anon.from('organizations').select('slug').eq('slug', 'avesta');
		expect(orgs.data).toEqual([{ slug: 'avesta' }]);
		const people = await anon.from('profiles').select('id');
		expect(people.error?.code).toBe('42501');
		const accounts = await anon.from('accounts').select('email');
		expect(accounts.error?.code).toBe('42501');
	});

	it("keeps one person's private account row from another", async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const own = await asAnna.from('accounts').select('email');
		expect(own.data).toEqual([{ email: anna.email }]);
		const other = await asAnna.from('accounts').select('email').eq('user_id', erik.id);
		expect(other.data).toEqual([]);
	});

	it("does not let a person change someone else's profile or preferences", async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const profile = await asAnna
			.from('profiles')
			.update({ name: 'Hacked' })
			.eq('id', erik.id)
			.select();
		expect(profile.data).toEqual([]);
		const prefs = await asAnna
			.from('accounts')
			.update({ notify_email: 'off' })
			.eq('user_id', erik.id)
			.select();
		expect(prefs.data).toEqual([]);
		const [row] = await db.sql`select p.name, a.notify_email from public.profiles p
			join public.accounts a on a.user_id = p.id where p.id = ${erik.id}`;
		expect(row).toEqual({ name: 'Erik Berg', notify_email: 'daily' });
	});

	it('does not let a member make themselves administrator or change their address', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const role = await asAnna.from('profiles').update({ role: 'admin' }).eq('id', anna.id);
		expect(role.error?.code).toBe('42501');
		const email = await asAnna
			.from('accounts')
			.update({ email: 'x@example.test' })
			.eq('user_id', anna.id);
		expect(email.error?.code).toBe('42501');
		const [row] = await db.sql`select role from public.profiles where id = ${anna.id}`;
		expect(row!.role).toBe('member');
	});

	it('lets an administrator change roles and deactivate, which ends sessions', async () => {
		await db.sql`insert into erfa_private.sessions (id, user_id, expires_at, absolute_expires_at)
			values (${'a'.repeat(64)}, ${erik.id}, now() + interval '1 day', now() + interval '2 days')`;
		const asAdmin = await forUser(db.rest, admin.id);
		const res = await asAdmin
			.from('profiles')
			.update({ role: 'researcher', deactivated_at: new Date().toISOString() })
			.eq('id', erik.id);
		expect(res.error).toBeNull();
		const sessions = await db.sql`select id from erfa_private.sessions where user_id = ${erik.id}`;
		expect(sessions).toHaveLength(0);
	});

	it('never exposes sessions, credentials, tokens or throttling', async () => {
		const asAdmin = await forUser(db.rest, admin.id);
		for (const table of ['sessions', 'credentials', 'email_tokens', 'throttle']) {
			const res = await asAdmin.schema('erfa_private').from(table).select('*');
			expect(res.data).toBeNull();
			expect(res.error).not.toBeNull();
		}
	});

	it('refuses tokens signed with the wrong secret or expired', async () => {
		const url = `${db.rest.restRoot}/accounts?select=email`;
		const wrong = await new SignJWT({ role: 'authenticated', sub: anna.id })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('1m')
			.sign(new TextEncoder().encode('a-completely-different-secret-of-32+chars'));
		const expired = await new SignJWT({ role: 'authenticated', sub: anna.id })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime(Math.floor(Date.now() / 1000) - 60)
			.sign(new TextEncoder().encode(db.rest.jwtSecret));
		for (const token of [wrong, expired]) {
			const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
			expect(res.status).toBe(401);
		}
	});
});
