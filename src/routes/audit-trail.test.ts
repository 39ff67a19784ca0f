import { isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken, sessions, type SessionUser } from '$lib/server/auth';
import * as audit from '$lib/server/audit';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	buildThread,
	buildUser,
	type BuiltUser
} from '../lib/server/testing/world.ts';
import { actions as login } from './login/+page.server';
import { actions as person } from './admin/users/[id]/+page.server';
import { actions as hide } from './moderation/hide/+page.server';
import { actions as members } from './groups/[slug]/members/+page.server';

// Each governance action leaves one entry saying who did it, to whom and from where.

const db = useTestDatabase({ rest: true });
let admin: BuiltUser;
let anna: BuiltUser;

beforeAll(async () => {
	process.env.ORIGIN = 'https://erfa.example';
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
});

interface Caller {
	user?: BuiltUser & { role?: SessionUser['role'] };
	params?: Record<string, string>;
}

type Action = ((event: never) => unknown) | undefined;

async function submit(action: Action, path: string, fields: Record<string, string>, who: Caller) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const url = new URL(`https://erfa.example${path}`);
	const db2: Db = who.user ? await forUser(db.rest, who.user.id) : anonymous(db.rest);
	const user = who.user && {
		id: who.user.id,
		name: who.user.name,
		role: who.user.role ?? 'member',
		organizationId: null,
		emailVerified: true
	};
	// A fresh session: sensitive actions ask for a sign-in within the last 15 minutes.
	const session = who.user
		? { id: hashToken((await sessions.create(db.sql, who.user.id, 'vitest')).token) }
		: null;
	const event = {
		url,
		request: new Request(url, { method: 'POST', body, headers: { 'user-agent': 'vitest' } }),
		params: who.params ?? {},
		locals: { user: user ?? null, session, supabase: db2 },
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => '198.51.100.4',
		setHeaders: () => {}
	};
	try {
		return await action!(event as never);
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location };
		throw e;
	}
}

const latest = async (action: audit.AuditAction) => (await audit.list(db.sql, { action })).rows[0];

describe('the audit trail', () => {
	it('records sign-ins that succeed and fail, with the method and the address typed', async () => {
		await submit(login.default, '/login', { email: anna.email, password: 'wrong one!' }, {});
		expect(await latest('auth.sign_in_failed')).toMatchObject({
			actorId: null,
			ip: '198.51.100.4',
			details: { method: 'password', email: anna.email, outcome: 'invalid' }
		});
		await submit(login.default, '/login', { email: anna.email, password: anna.password }, {});
		expect(await latest('auth.sign_in')).toMatchObject({
			actorId: anna.id,
			actorName: 'Anna Lind',
			details: { method: 'password', outcome: 'ok' }
		});
	});

	it('records role changes and deactivations by an administrator', async () => {
		const who = { user: { ...admin, role: 'admin' as const }, params: { id: anna.id } };
		await submit(person.role, `/admin/users/${anna.id}?/role`, { role: 'researcher' }, who);
		expect(await latest('user.role_changed')).toMatchObject({
			actorName: 'Maria Admin',
			subjectId: anna.id,
			subjectLabel: 'Anna Lind',
			details: { role: 'researcher' }
		});
		await submit(person.deactivate, `/admin/users/${anna.id}?/deactivate`, { confirm: 'yes' }, who);
		expect(await latest('user.deactivated')).toMatchObject({ subjectLabel: 'Anna Lind' });
		await submit(person.reactivate, `/admin/users/${anna.id}?/reactivate`, {}, who);
		expect(await latest('user.reactivated')).toMatchObject({ actorId: admin.id });
	});

	it('records hidden posts and approved membership requests', async () => {
		const coordinator = await buildUser(db.sql, { name: 'Kim Samordnare' });
		const group = await buildGroup(db.sql, {
			visibility: 'closed',
			members: [[coordinator.id, 'coordinator']]
		});
		const thread = await buildThread(db.sql, group.id, coordinator.id);
		const fields = {
			target_type: 'thread',
			target_id: thread.id,
			reason: 'Off topic',
			return_to: '/'
		};
		await submit(hide.default, '/moderation/hide', fields, { user: { ...admin, role: 'admin' } });
		expect(await latest('post.hidden')).toMatchObject({
			actorId: admin.id,
			subjectType: 'thread',
			subjectId: thread.id,
			details: { reason: 'Off topic' }
		});
		const [request] = await db.sql`insert into public.join_requests (group_id, user_id, message)
			values (${group.id}, ${anna.id}, 'Hej') returning id`;
		const path = `/groups/${group.slug}/members?/decide`;
		const answer = await submit(
			members.decide,
			path,
			{ request: request!.id, decision: 'approve', message: '' },
			{ user: coordinator, params: { slug: group.slug } }
		);
		expect(JSON.stringify(answer)).not.toMatch(/error/i);
		expect(await latest('group.request_approved')).toMatchObject({
			actorId: coordinator.id,
			subjectId: anna.id,
			subjectLabel: 'Anna Lind',
			details: { group: group.name }
		});
	});
});
