import { isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import * as admin from './admin.ts';
import type { SessionUser } from '$lib/server/auth';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildSignedInUser, buildUser, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let boss: BuiltUser;
let member: BuiltUser;
let asBoss: Db;
let asMember: Db;
let anon: Db;

beforeAll(async () => {
	boss = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin', email: 'maria@erfa.test' });
	member = await buildUser(db.sql, { name: 'Olle Ek', email: 'olle.ek@filipstad.test' });
	asBoss = await forUser(db.rest, boss.id);
	asMember = await forUser(db.rest, member.id);
	anon = anonymous(db.rest);
});

const profile = async (id: string) => {
	const [row] = await db.sql`select role, deactivated_at from public.profiles where id = ${id}`;
	return row!;
};

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	return null;
}

describe('admin.requireAdmin', () => {
	const url = new URL('http://erfa.test/admin/users?q=anna');
	const as = (role: SessionUser['role'] | null) => ({
		url,
		locals: {
			user: role && { id: 'x', name: 'X', role, organizationId: null, emailVerified: true },
			session: null,
			supabase: anon
		}
	});

	it('sends signed-out visitors to log in and back', () => {
		const e = thrown(() => admin.requireAdmin(as(null)));
		expect(isRedirect(e) && e.location).toBe('/login?returnTo=%2Fadmin%2Fusers%3Fq%3Danna');
	});

	it('refuses members and researchers, lets administrators through', () => {
		for (const role of ['member', 'researcher'] as const) {
			const e = thrown(() => admin.requireAdmin(as(role)));
			expect(isHttpError(e) && e.status).toBe(403);
		}
		expect(admin.requireAdmin(as('admin')).role).toBe('admin');
	});
});

describe('people', () => {
	it('lists and searches people by name or e-mail address', async () => {
		await buildUser(db.sql, { name: 'Karin Söderberg', email: 'ks@hedemora.test' });
		const all = await admin.users(asBoss);
		expect(all.total).toBeGreaterThanOrEqual(3);
		const byName = await admin.users(asBoss, { q: 'söderb' });
		expect(byName.rows.map((r) => r.email)).toEqual(['ks@hedemora.test']);
		const byEmail = await admin.users(asBoss, { q: 'filipstad.test' });
		expect(byEmail.rows.map((r) => r.name)).toEqual(['Olle Ek']);
		expect(byEmail.rows[0]).toMatchObject({ emailVerified: true, role: 'member' });
		expect(byEmail.rows[0]!.organization?.slug).toBe('avesta');
		const odd = await admin.users(asBoss, { q: 'x",id.eq.(' });
		expect(odd.rows).toEqual([]);
	});

	it('lets an administrator change a role', async () => {
		const person = await buildUser(db.sql);
		expect(await admin.setRole(asBoss, boss.id, person.id, 'researcher')).toEqual({ ok: true });
		expect((await profile(person.id)).role).toBe('researcher');
	});

	it('deactivates (ending every session) and reactivates', async () => {
		const person = await buildSignedInUser(db.sql);
		const sessions = () =>
			db.sql`select id from erfa_private.sessions where user_id = ${person.id}`;
		expect(await sessions()).toHaveLength(1);
		expect(await admin.setActive(asBoss, boss.id, person.id, false)).toEqual({ ok: true });
		expect((await profile(person.id)).deactivated_at).toBeInstanceOf(Date);
		expect(await sessions()).toHaveLength(0);
		expect((await admin.user(asBoss, person.id))?.deactivatedAt).not.toBeNull();
		expect(await admin.setActive(asBoss, boss.id, person.id, true)).toEqual({ ok: true });
		expect((await profile(person.id)).deactivated_at).toBeNull();
	});

	it('does not let administrators change their own role or deactivate themselves', async () => {
		expect(await admin.setRole(asBoss, boss.id, boss.id, 'member')).toEqual({
			ok: false,
			reason: 'self'
		});
		expect(await admin.setActive(asBoss, boss.id, boss.id, false)).toMatchObject({ ok: false });
		// Even when the caller lies about who they are, the database refuses.
		expect(await admin.setRole(asBoss, 'someone-else', boss.id, 'member')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await profile(boss.id)).toEqual({ role: 'admin', deactivated_at: null });
	});

	it('changes nothing when a member calls the admin functions', async () => {
		const other = await buildSignedInUser(db.sql);
		expect((await admin.setRole(asMember, member.id, other.id, 'admin')).ok).toBe(false);
		expect((await admin.setActive(asMember, member.id, other.id, false)).ok).toBe(false);
		expect((await admin.setRole(asMember, 'pretend', member.id, 'admin')).ok).toBe(false);
		expect(await profile(other.id)).toEqual({ role: 'member', deactivated_at: null });
		expect(await profile(member.id)).toEqual({ role: 'member', deactivated_at: null });
		const [sessions] =
			await db.sql`select count(*)::int as n from erfa_private.sessions where user_id = ${other.id}`;
		expect(sessions!.n).toBe(1);
		expect(
			(await admin.users(asMember)).rows.every((r) => r.email === null || r.id === member.id)
		).toBe(true);
	});

	it('answers not found for an unknown or malformed id', async () => {
		expect(await admin.user(asBoss, 'not-a-uuid')).toBeNull();
		expect(await admin.user(asBoss, crypto.randomUUID())).toBeNull();
		expect(await admin.setRole(asBoss, boss.id, crypto.randomUUID(), 'admin')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('outbox', () => {
	beforeAll(async () => {
		const rows = Array.from({ length: 55 }, (_, i) => ({
			to_address: `r${i}@example.test`,
			subject: `Message ${i}`,
			body_text: `Body ${i} <b>not html</b>`,
			created_at: new Date(Date.UTC(2026, 0, 1, 0, i))
		}));
		await db.sql`insert into public.outbox ${db.sql(rows)}`;
	});

	it('shows administrators what was written, newest first, 50 per page', async () => {
		const first = await admin.outbox(asBoss, 1);
		expect(first.total).toBe(55);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(50);
		expect(first.rows[0]).toMatchObject({ to: 'r54@example.test', sentAt: null });
		const second = await admin.outbox(asBoss, 2);
		expect(second.rows.map((r) => r.subject)).toEqual([4, 3, 2, 1, 0].map((i) => `Message ${i}`));
		const message = await admin.outboxMessage(asBoss, first.rows[0]!.id);
		expect(message?.text).toBe('Body 54 <b>not html</b>');
	});

	it('shows nothing to members and refuses anonymous callers', async () => {
		expect(await admin.outbox(asMember)).toMatchObject({ rows: [], total: 0 });
		const [row] = await db.sql`select id from public.outbox limit 1`;
		expect(await admin.outboxMessage(asMember, Number(row!.id))).toBeNull();
		await expect(admin.outbox(anon)).rejects.toThrow();
	});
});

describe('accessibility reports', () => {
	let reportId: number;
	beforeAll(async () => {
		const [row] = await db.sql`insert into public.accessibility_reports
			(reporter_id, page_url, description) values (${member.id}, '/groups', 'The menu cannot be reached by keyboard')
			returning id`;
		reportId = Number(row!.id);
	});
	const status = async () => {
		const [row] =
			await db.sql`select status from public.accessibility_reports where id = ${reportId}`;
		return row!.status;
	};

	it('lets an administrator read reports and change their status', async () => {
		const list = await admin.reports(asBoss, { status: 'new' });
		expect(list.rows).toHaveLength(1);
		expect(list.rows[0]).toMatchObject({ reporter: { name: 'Olle Ek' }, pageUrl: '/groups' });
		expect(await admin.setReportStatus(asBoss, reportId, 'in_progress')).toEqual({ ok: true });
		expect(await status()).toBe('in_progress');
		expect((await admin.reports(asBoss, { status: 'new' })).rows).toEqual([]);
	});

	it('changes nothing for a member', async () => {
		expect((await admin.reports(asMember)).rows).toEqual([]);
		expect((await admin.setReportStatus(asMember, reportId, 'resolved')).ok).toBe(false);
		expect(await status()).toBe('in_progress');
	});
});

describe('admin.overview', () => {
	it('counts people, unsent mail and new reports', async () => {
		const counts = await admin.overview(asBoss);
		const [people] = await db.sql`select count(*)::int as n from public.profiles`;
		expect(counts.people).toBe(people!.n);
		expect(counts.unsent).toBe(55);
	});
});
