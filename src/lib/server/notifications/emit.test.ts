import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, buildUser, type BuiltUser, buildGroup } from '../testing/world.ts';
import { emit } from './emit.ts';

const db = useTestDatabase();
let coordinator: BuiltUser;
let member: BuiltUser;
let outsider: BuiltUser;
let closedGroup: string;

beforeAll(async () => {
	coordinator = await buildUser(db.sql);
	member = await buildUser(db.sql);
	outsider = await buildUser(db.sql);
	const group = await buildGroup(db.sql, {
		slug: 'stangd',
		name: 'Stängd grupp',
		visibility: 'closed',
		members: [
			[coordinator.id, 'coordinator'],
			[member.id, 'member']
		]
	});
	closedGroup = group.id;
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
