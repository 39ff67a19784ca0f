import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { buildUser, type BuiltUser } from '../testing/factories.ts';
import { emit } from './emit.ts';

let db: TestDatabase;
let coordinator: BuiltUser;
let member: BuiltUser;
let outsider: BuiltUser;
let closedGroup: string;

beforeAll(async () => {
	db = await createTestDatabase();
	coordinator = await buildUser(db.sql);
	member = await buildUser(db.sql);
	outsider = await buildUser(db.sql);
	const [g] = await db.sql`insert into public.groups (slug, name, visibility, status)
		values ('stangd', 'Stängd grupp', 'closed', 'active') returning id`;
	closedGroup = g!.id;
	await db.sql`insert into public.group_members (group_id, user_id, role) values
		(${closedGroup}, ${coordinator.id}, 'coordinator'), (${closedGroup}, ${member.id}, 'member')`;
});
afterAll(async () => {
	await db?.drop();
});

describe('emit', () => {
	it('tells the group members, but not the person who acted', async () => {
		const to = await emit(db.sql, {
			kind: 'thread_created',
			groupId: closedGroup,
			actorId: member.id,
			title: 'Ny tråd',
			link: '/groups/stangd',
			to: 'group_members'
		});
		expect(to).toEqual([coordinator.id]);
	});

	it('never tells someone outside a closed group about its content, even when named', async () => {
		const to = await emit(db.sql, {
			kind: 'mention',
			groupId: closedGroup,
			actorId: member.id,
			title: 'Du nämndes',
			link: '/groups/stangd',
			to: [outsider.id, coordinator.id]
		});
		expect(to).toEqual([coordinator.id]);
		const rows = await db.sql`select 1 from public.notifications where user_id = ${outsider.id}`;
		expect(rows).toHaveLength(0);
	});

	it('reaches only coordinators when asked to', async () => {
		const to = await emit(db.sql, {
			kind: 'join_request',
			groupId: closedGroup,
			actorId: outsider.id,
			title: 'Ny förfrågan',
			link: '/groups/stangd/members',
			to: 'group_coordinators'
		});
		expect(to).toEqual([coordinator.id]);
	});
});
