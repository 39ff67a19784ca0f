import { beforeAll, describe, expect, it } from 'vitest';
import { emit, unreadCount } from '$lib/server/notifications';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { buildGroup, buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';
import { listPageMine, myProposals } from './index.ts';
import * as invitations from './invitations.ts';

// The groups list's own parts in one call (public.groups_page_mine): the same proposals, number
// of open invitations and unread count as the separate calls, read as the caller, so an
// invitation to a group they may not read is not counted and nobody else's parts are read.

const db = useTestDatabase({ rest: true });
let sara: BuiltUser;
let coordinator: BuiltUser;
let asSara: Db;

async function separately(who: Db, userId: string) {
	return {
		proposals: await myProposals(who, userId),
		invitationCount: (await invitations.myInvitations(who, userId)).invitations.length,
		unread: await unreadCount(who)
	};
}

async function invite(groupId: string, email: string, declined = false) {
	await db.sql`insert into public.invitations (group_id, email, invited_by, declined_at)
		values (${groupId}, ${email}, ${coordinator.id}, ${declined ? new Date() : null})`;
}

beforeAll(async () => {
	sara = await buildUser(db.sql, { name: 'Sara' });
	coordinator = await buildUser(db.sql, { name: 'Kim' });
	asSara = await forUser(db.rest, sara.id);
	const members = [[coordinator.id, 'coordinator']] as [string, 'coordinator'][];
	const closed = await buildGroup(db.sql, { visibility: 'closed', members });
	const open = await buildGroup(db.sql, { members });
	const hidden = await buildGroup(db.sql, { status: 'proposed', members });
	await invite(closed.id, sara.email);
	await invite(open.id, sara.email, true);
	await invite(hidden.id, sara.email);
	for (const status of ['proposed', 'declined', 'active'] as const) {
		const g = await buildGroup(db.sql, { status, name: `Förslag ${status}` });
		await db.sql`update public.groups set proposed_by = ${sara.id} where id = ${g.id}`;
	}
	await emit(db.sql, {
		kind: 'thread_created',
		groupId: open.id,
		actorId: coordinator.id,
		title: 'Tråd',
		link: '/groups/x/discussions/1',
		to: [sara.id, coordinator.id]
	});
});

describe('groups.listPageMine', () => {
	it('gives what the separate calls gave', async () => {
		const mine = await listPageMine(asSara);
		expect(mine).toEqual(await separately(asSara, sara.id));
		expect(mine.proposals.map((g) => g.name).sort()).toEqual([
			'Förslag declined',
			'Förslag proposed'
		]);
		// The declined invitation and the one to a group Sara may not see are not counted.
		expect(mine.invitationCount).toBe(1);
		expect(mine.unread).toBe(1);
	});

	it('counts no invitation before the address is verified, and reads only the caller’s own', async () => {
		await db.sql`update public.accounts set email_verified_at = null where user_id = ${sara.id}`;
		expect((await listPageMine(asSara)).invitationCount).toBe(0);
		await db.sql`update public.accounts set email_verified_at = now() where user_id = ${sara.id}`;
		const asKim = await forUser(db.rest, coordinator.id);
		// Kim wrote the thread: the notice went to Sara only.
		expect(await listPageMine(asKim)).toEqual({ proposals: [], invitationCount: 0, unread: 0 });
		const { error } = await anonymous(db.rest).rpc('groups_page_mine');
		expect(error).not.toBeNull();
	});
});
