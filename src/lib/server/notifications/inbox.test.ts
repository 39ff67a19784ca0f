import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildMembership,
	type GroupRole
} from '../testing/world.ts';
import { emit } from './emit.ts';
import * as inbox from './inbox.ts';

const db = useTestDatabase({ rest: true });
let coordinator: BuiltUser;
let member: BuiltUser;
let other: BuiltUser;
let closedGroup: string;
let openGroup: string;
const as = (user: BuiltUser): Promise<Db> => forUser(db.rest, user.id);

beforeAll(async () => {
	coordinator = await buildUser(db.sql);
	member = await buildUser(db.sql);
	other = await buildUser(db.sql);
	const members: [string, GroupRole][] = [
		[coordinator.id, 'coordinator'],
		[member.id, 'member']
	];
	closedGroup = (
		await buildGroup(db.sql, {
			slug: 'stangd',
			name: 'Stängd grupp',
			visibility: 'closed',
			members
		})
	).id;
	openGroup = (await buildGroup(db.sql, { slug: 'oppen', name: 'Öppen grupp', members })).id;
});

function tell(groupId: string, title: string, to: string[]) {
	return emit(db.sql, {
		kind: 'thread_created',
		groupId,
		actorId: coordinator.id,
		title,
		link: `/groups/x/discussions/${title}`,
		to
	});
}

describe('a person’s notifications', () => {
	it('are only their own, newest first, with the group and an unread count', async () => {
		await tell(openGroup, 'Första', [member.id]);
		await tell(openGroup, 'Andra', [member.id, other.id]);
		const mine = await inbox.list(await as(member));
		expect(mine.rows.map((r) => r.title)).toEqual(['Andra', 'Första']);
		expect(mine.rows[0]!.group).toEqual({ slug: 'oppen', name: 'Öppen grupp' });
		expect(mine.rows[0]!.read).toBe(false);
		const theirs = await inbox.list(await as(other));
		expect(theirs.rows.map((r) => r.title)).toEqual(['Andra']);
		expect(await inbox.unreadCount(await as(member))).toBe(2);
		// Someone else's id is unknown: opening it neither works nor marks it read.
		expect(await inbox.open(await as(other), mine.rows[1]!.id)).toBeNull();
		const [row] =
			await db.sql`select read_at from public.notifications where id = ${mine.rows[1]!.id}`;
		expect(row!.read_at).toBeNull();
	});

	it('are marked read one at a time (by opening) or all at once', async () => {
		const asOther = await as(other);
		await tell(openGroup, 'Tredje', [other.id]);
		const before = await inbox.list(asOther, { unreadOnly: true });
		expect(before.total).toBe(2);
		const link = await inbox.open(asOther, before.rows[0]!.id);
		expect(link).toBe('/groups/x/discussions/Tredje');
		expect(await inbox.unreadCount(asOther)).toBe(1);
		expect(await inbox.markRead(asOther, 'all')).toBe(1);
		expect(await inbox.markRead(asOther, 'all')).toBe(0); // a double submit changes nothing
		expect(await inbox.unreadCount(asOther)).toBe(0);
		expect((await inbox.list(asOther, { unreadOnly: true })).rows).toEqual([]);
		// Only their own rows were touched.
		expect(await inbox.unreadCount(await as(member))).toBe(2);
	});

	it('about a closed group disappear for someone who left it, also through plain REST', async () => {
		const leaver = await buildUser(db.sql);
		await buildMembership(db.sql, { groupId: closedGroup, userId: leaver.id });
		await tell(closedGroup, 'Hemlig tråd', [leaver.id]);
		const asLeaver = await as(leaver);
		expect((await inbox.list(asLeaver)).rows.map((r) => r.title)).toEqual(['Hemlig tråd']);
		const left = await asLeaver
			.from('group_members')
			.delete()
			.eq('group_id', closedGroup)
			.eq('user_id', leaver.id)
			.select('user_id');
		expect(left.data).toHaveLength(1);
		expect((await inbox.list(asLeaver)).rows).toEqual([]);
		expect(await inbox.unreadCount(asLeaver)).toBe(0);
		// The row is still there (for the record); RLS is what hides it.
		const stored =
			await db.sql`select title from public.notifications where user_id = ${leaver.id}`;
		expect(stored.map((r) => r.title)).toEqual(['Hemlig tråd']);
	});

	it('cannot be read or changed by anonymous callers through /rest/v1', async () => {
		const headers = { apikey: db.rest.anonKey, Authorization: `Bearer ${db.rest.anonKey}` };
		const read = await fetch(`${db.rest.restRoot}/notifications?select=title`, { headers });
		expect(read.ok).toBe(false);
		expect(JSON.stringify(await read.json())).not.toContain('Hemlig');
		const write = await fetch(`${db.rest.restRoot}/notifications`, {
			method: 'PATCH',
			headers: { ...headers, 'content-type': 'application/json', Prefer: 'return=representation' },
			body: JSON.stringify({ read_at: new Date().toISOString() })
		});
		expect(write.ok).toBe(false);
		const [row] =
			await db.sql`select count(*)::int as n from public.notifications where read_at is not null`;
		expect(row!.n).toBe(2);
	});

	it('cannot be given a link that leaves the site', () => {
		expect(inbox.safeLink('/groups/a')).toBe('/groups/a');
		expect(inbox.safeLink('//evil.example/x')).toBe('/notifications');
		expect(inbox.safeLink('/\\evil.example')).toBe('/notifications');
	});
});
