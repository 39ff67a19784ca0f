import * as memberships from './memberships.ts';
import * as joinRequests from './join-requests.ts';
import type { GroupRef } from './types.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildExperience,
	buildThread
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let sara: BuiltUser;

const makeGroup = (visibility: 'open' | 'closed', coordinators: string[]): Promise<GroupRef> =>
	buildGroup(db.sql, {
		visibility,
		members: coordinators.map((id): [string, 'coordinator'] => [id, 'coordinator'])
	});

const membersOf = async (groupId: string) =>
	(
		await db.sql`select user_id, role from public.group_members where group_id = ${groupId}
			order by role, user_id`
	).map((r) => ({ user: r.user_id as string, role: r.role as string }));

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	erik = await buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' });
	sara = await buildUser(db.sql, { name: 'Sara Holm', role: 'researcher' });
});

describe('joining an open group', () => {
	it('is immediate, and a second press finds the membership already there', async () => {
		const group = await makeGroup('open', [anna.id]);
		const asErik = await forUser(db.rest, erik.id);
		expect(await memberships.join(asErik, group.id, erik.id)).toBe('joined');
		expect(await memberships.join(asErik, group.id, erik.id)).toBe('already_member');
		expect(await membersOf(group.id)).toContainEqual({ user: erik.id, role: 'member' });
		expect(await memberships.roleOf(asErik, group.id, erik.id)).toBe('member');
	});

	it('is refused for a closed group, and nobody can join as coordinator', async () => {
		const group = await makeGroup('closed', [anna.id]);
		const asErik = await forUser(db.rest, erik.id);
		expect(await memberships.join(asErik, group.id, erik.id)).toBe('not_open');
		const open = await makeGroup('open', [anna.id]);
		const { error } = await asErik
			.from('group_members')
			.insert({ group_id: open.id, user_id: erik.id, role: 'coordinator' });
		expect(error?.code).toBe('42501');
		expect(await membersOf(group.id)).toEqual([{ user: anna.id, role: 'coordinator' }]);
	});
});

describe('a closed group seen from outside', () => {
	it('shows its row but none of its members, experiences or threads', async () => {
		const group = await makeGroup('closed', [anna.id]);
		await buildExperience(db.sql, group.id, anna.id, { title: 'Hemlig erfarenhet' });
		await buildThread(db.sql, group.id, anna.id, { title: 'Hemlig tråd', body: 'Text' });
		const asErik = await forUser(db.rest, erik.id);
		const row = await asErik.from('groups').select('name').eq('id', group.id);
		expect(row.data).toEqual([{ name: group.name }]);
		for (const table of ['group_members', 'experiences', 'threads']) {
			const res = await asErik.from(table).select('*').eq('group_id', group.id);
			expect(res.error).toBeNull();
			expect(res.data).toEqual([]);
		}
		expect(await memberships.members(asErik, group.id)).toEqual([]);
		const asAnna = await forUser(db.rest, anna.id);
		expect(await memberships.members(asAnna, group.id)).toHaveLength(1);
	});

	it('shows anonymous REST callers nothing at all', async () => {
		const group = await makeGroup('closed', [anna.id]);
		const anon = anonymous(db.rest);
		for (const table of ['groups', 'group_members', 'experiences', 'threads', 'join_requests']) {
			const res = await anon.from(table).select('*');
			expect(res.data ?? []).toEqual([]);
			const raw = await fetch(`${db.rest.restRoot}/${table}?select=*`, {
				headers: { apikey: db.rest.anonKey, authorization: `Bearer ${db.rest.anonKey}` }
			});
			const body = raw.ok ? await raw.json() : [];
			expect(body).toEqual([]);
		}
		const raw = await fetch(`${db.rest.restRoot}/group_members?group_id=eq.${group.id}`);
		expect(raw.ok ? await raw.json() : []).toEqual([]);
	});
});

describe('asking to join a closed group', () => {
	it('makes one pending request however often it is sent, and tells the coordinators', async () => {
		const group = await makeGroup('closed', [anna.id, sara.id]);
		const asErik = await forUser(db.rest, erik.id);
		const input = { group, userId: erik.id, userName: 'Erik Berg', message: ' Hej! ' };
		const results = await Promise.all([
			joinRequests.requestToJoin(asErik, db.sql, input),
			joinRequests.requestToJoin(asErik, db.sql, input)
		]);
		expect(results.sort()).toEqual(['already_pending', 'requested']);
		const rows = await db.sql`select status, message from public.join_requests
			where group_id = ${group.id} and user_id = ${erik.id}`;
		expect(rows).toEqual([{ status: 'pending', message: 'Hej!' }]);
		const told = await db.sql`select user_id from public.notifications
			where kind = 'join_request' and group_id = ${group.id} order by user_id`;
		expect(told.map((r) => r.user_id).sort()).toEqual([anna.id, sara.id].sort());
		expect((await joinRequests.myRequest(asErik, group.id, erik.id))?.status).toBe('pending');
	});

	it('is approved by a coordinator, which creates the membership and tells the requester', async () => {
		const group = await makeGroup('closed', [anna.id]);
		const asErik = await forUser(db.rest, erik.id);
		await joinRequests.requestToJoin(asErik, db.sql, {
			group,
			userId: erik.id,
			userName: 'Erik Berg',
			message: ''
		});
		const asAnna = await forUser(db.rest, anna.id);
		const [pending] = await joinRequests.pendingRequests(asAnna, group.id);
		expect(pending).toMatchObject({
			userId: erik.id,
			name: 'Erik Berg',
			organization: 'Ludvika kommun'
		});
		const asSara = await forUser(db.rest, sara.id);
		expect(await joinRequests.pendingRequests(asSara, group.id)).toEqual([]);
		const result = await joinRequests.decide(asAnna, db.sql, {
			group,
			requestId: pending!.id,
			approve: true,
			message: 'Välkommen',
			actorId: anna.id
		});
		expect(result).toBe('approved');
		expect(await membersOf(group.id)).toContainEqual({ user: erik.id, role: 'member' });
		const [note] = await db.sql`select kind from public.notifications
			where user_id = ${erik.id} and group_id = ${group.id}`;
		expect(note?.kind).toBe('join_approved');
		const visible = await asErik.from('group_members').select('user_id').eq('group_id', group.id);
		expect(visible.data).toHaveLength(2);
	});

	it('when two coordinators approve at once, one approves and the other hears "already decided"', async () => {
		const group = await makeGroup('closed', [anna.id, sara.id]);
		const asErik = await forUser(db.rest, erik.id);
		await joinRequests.requestToJoin(asErik, db.sql, {
			group,
			userId: erik.id,
			userName: 'Erik Berg',
			message: ''
		});
		const [request] =
			await db.sql`select id from public.join_requests where group_id = ${group.id}`;
		const [asAnna, asSara] = await Promise.all([
			forUser(db.rest, anna.id),
			forUser(db.rest, sara.id)
		]);
		const results = await Promise.all([
			asAnna.rpc('decide_join_request', { request: request!.id, approve: true, message: null }),
			asSara.rpc('decide_join_request', { request: request!.id, approve: true, message: null })
		]);
		expect(results.map((r) => r.error)).toEqual([null, null]);
		expect(results.map((r) => r.data).sort()).toEqual(['already_decided', 'approved']);
		const rows = await db.sql`select 1 from public.group_members
			where group_id = ${group.id} and user_id = ${erik.id}`;
		expect(rows).toHaveLength(1);
		const again = await joinRequests.decide(asSara, db.sql, {
			group,
			requestId: request!.id,
			approve: false,
			message: '',
			actorId: sara.id
		});
		expect(again).toBe('already_decided');
	});

	it('is declined with a message the requester reads, and can be withdrawn', async () => {
		const group = await makeGroup('closed', [anna.id]);
		const asErik = await forUser(db.rest, erik.id);
		const ask = { group, userId: erik.id, userName: 'Erik Berg', message: '' };
		await joinRequests.requestToJoin(asErik, db.sql, ask);
		const asAnna = await forUser(db.rest, anna.id);
		const [pending] = await joinRequests.pendingRequests(asAnna, group.id);
		const decision = { group, requestId: pending!.id, approve: false, actorId: anna.id };
		expect(await joinRequests.decide(asAnna, db.sql, { ...decision, message: 'Inte nu' })).toBe(
			'declined'
		);
		expect(await joinRequests.myRequest(asErik, group.id, erik.id)).toMatchObject({
			status: 'declined',
			decisionMessage: 'Inte nu'
		});
		const [note] = await db.sql`select kind from public.notifications
			where user_id = ${erik.id} and group_id = ${group.id}`;
		expect(note?.kind).toBe('join_declined');
		expect(await joinRequests.requestToJoin(asErik, db.sql, ask)).toBe('requested');
		expect(await joinRequests.withdraw(asErik, group.id, erik.id)).toBe(true);
		expect(await joinRequests.withdraw(asErik, group.id, erik.id)).toBe(false);
		expect(await membersOf(group.id)).toEqual([{ user: anna.id, role: 'coordinator' }]);
	});

	it('cannot be decided by a plain member or for another group', async () => {
		const group = await makeGroup('closed', [anna.id]);
		const other = await makeGroup('closed', [sara.id]);
		const asErik = await forUser(db.rest, erik.id);
		await joinRequests.requestToJoin(asErik, db.sql, {
			group,
			userId: erik.id,
			userName: 'Erik Berg',
			message: ''
		});
		const [request] =
			await db.sql`select id from public.join_requests where group_id = ${group.id}`;
		const asSara = await forUser(db.rest, sara.id);
		const input = { requestId: request!.id, approve: true, message: '', actorId: sara.id };
		expect(await joinRequests.decide(asSara, db.sql, { ...input, group: other })).toBe('not_found');
		expect(await joinRequests.decide(asSara, db.sql, { ...input, group })).toBe('not_found');
		expect(await joinRequests.decide(asErik, db.sql, { ...input, group })).toBe('not_found');
		const [row] = await db.sql`select status from public.join_requests where id = ${request!.id}`;
		expect(row!.status).toBe('pending');
	});
});

describe('roles and leaving', () => {
	it('keeps the last coordinator until someone else takes over', async () => {
		const group = await makeGroup('open', [anna.id]);
		const asAnna = await forUser(db.rest, anna.id);
		const asErik = await forUser(db.rest, erik.id);
		await memberships.join(asErik, group.id, erik.id);
		expect(await memberships.leave(asAnna, group.id, anna.id)).toBe('last_coordinator');
		const demote = { groupId: group.id, userId: anna.id, role: 'member' as const };
		expect(await memberships.setRole(asAnna, demote)).toBe('last_coordinator');
		expect(await memberships.remove(asAnna, { groupId: group.id, userId: anna.id })).toBe(
			'last_coordinator'
		);
		expect(await membersOf(group.id)).toContainEqual({ user: anna.id, role: 'coordinator' });

		// A plain member can neither promote themselves nor remove others.
		const promote = { groupId: group.id, userId: erik.id, role: 'coordinator' as const };
		expect(await memberships.setRole(asErik, promote)).toBe('not_found');
		expect(await memberships.remove(asErik, { groupId: group.id, userId: anna.id })).toBe(
			'not_found'
		);

		expect(await memberships.setRole(asAnna, promote)).toBe('changed');
		expect(await memberships.leave(asAnna, group.id, anna.id)).toBe('left');
		expect(await memberships.leave(asAnna, group.id, anna.id)).toBe('not_member');
		expect(await membersOf(group.id)).toEqual([{ user: erik.id, role: 'coordinator' }]);
	});

	it('lets a coordinator remove a member', async () => {
		const group = await makeGroup('open', [anna.id]);
		const asErik = await forUser(db.rest, erik.id);
		await memberships.join(asErik, group.id, erik.id);
		const asAnna = await forUser(db.rest, anna.id);
		expect(await memberships.remove(asAnna, { groupId: group.id, userId: erik.id })).toBe(
			'removed'
		);
		expect(await memberships.remove(asAnna, { groupId: group.id, userId: erik.id })).toBe(
			'not_found'
		);
		expect(await membersOf(group.id)).toEqual([{ user: anna.id, role: 'coordinator' }]);
	});
});
