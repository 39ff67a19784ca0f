import { beforeAll, describe, expect, it } from 'vitest';
import * as groups from './index.ts';
import { anonymous, forUser } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildTheme
} from '../testing/world.ts';

// The group pages' one round trip (public.group_page_open) and the actions' group-with-role
// read: the same group, role and rights as reading them one by one, a member's visit recorded,
// and nothing of a group that RLS hides.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let olle: BuiltUser;
let closed: { id: string; slug: string };
let proposal: { id: string; slug: string };

const visits = (userId: string, groupId: string) =>
	db.sql`select seen_at from public.group_visits where user_id = ${userId} and group_id = ${groupId}`;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	erik = await buildUser(db.sql, { name: 'Erik Berg' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	const theme = await buildTheme(db.sql, { slug: 'oppna-sidan', name: 'Tema', startYear: 2020 });
	closed = await buildGroup(db.sql, {
		visibility: 'closed',
		themeId: theme.id,
		sdgGoals: [11, 8],
		members: [
			[anna.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	proposal = await buildGroup(db.sql, { status: 'proposed', members: [[erik.id, 'member']] });
});

describe('groups.openPage', () => {
	it('gives a member the group and their role and records the visit', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const opened = await groups.openPage(asAnna, closed.slug);
		const read = await groups.bySlug(asAnna, closed.slug);
		expect(opened).toEqual({ group: read, role: 'coordinator', unread: 0 });
		expect(opened!.group).toMatchObject({
			sdgGoals: [8, 11],
			theme: { slug: 'oppna-sidan', name: 'Tema' }
		});
		expect(await visits(anna.id, closed.id)).toHaveLength(1);
		const [before] = await visits(anna.id, closed.id);
		await groups.openPage(asAnna, closed.slug);
		const [after] = await visits(anna.id, closed.id);
		expect(after!.seen_at.getTime()).toBeGreaterThan(before!.seen_at.getTime());
	});

	it('gives an outsider of a closed group its name without a role and records nothing', async () => {
		const asOlle = await forUser(db.rest, olle.id);
		const opened = await groups.openPage(asOlle, closed.slug);
		expect(opened).toMatchObject({ group: { id: closed.id }, role: null });
		expect(await visits(olle.id, closed.id)).toHaveLength(0);
		const { unread: _, ...withRole } = opened!;
		expect(await groups.bySlugWithRole(asOlle, closed.slug, olle.id)).toEqual(withRole);
	});

	it('finds nothing that RLS hides, nor for signed-out callers', async () => {
		const asOlle = await forUser(db.rest, olle.id);
		expect(await groups.openPage(asOlle, proposal.slug)).toBeNull();
		expect(await groups.bySlugWithRole(asOlle, proposal.slug, olle.id)).toBeNull();
		expect(await groups.openPage(asOlle, 'finns-inte')).toBeNull();
		expect(await visits(olle.id, proposal.id)).toHaveLength(0);
		const { error } = await anonymous(db.rest).rpc('group_page_open', { p_slug: closed.slug });
		expect(error).not.toBeNull();
	});

	it('reads the role of the caller only, whoever else is a member', async () => {
		const asErik = await forUser(db.rest, erik.id);
		expect((await groups.openPage(asErik, closed.slug))?.role).toBe('member');
		expect((await groups.bySlugWithRole(asErik, closed.slug, erik.id))?.role).toBe('member');
	});

	it('counts the caller’s unread notifications as the header does (its own call saved)', async () => {
		const tell = (groupId: string, to: string[]) =>
			emit(db.sql, {
				kind: 'thread_created',
				groupId,
				actorId: anna.id,
				title: 'Tråd',
				link: '/groups/x/discussions/1',
				to
			});
		await tell(closed.id, [erik.id, olle.id]);
		await tell(closed.id, [erik.id]);
		const asErik = await forUser(db.rest, erik.id);
		const asOlle = await forUser(db.rest, olle.id);
		expect((await groups.openPage(asErik, closed.slug))?.unread).toBe(2);
		expect(await unreadCount(asErik)).toBe(2);
		// Olle is no member of the closed group: RLS hides its notice from both reads.
		expect((await groups.openPage(asOlle, closed.slug))?.unread).toBe(0);
		expect(await unreadCount(asOlle)).toBe(0);
		await db.sql`update public.notifications set read_at = now() where user_id = ${erik.id}`;
		expect((await groups.openPage(asErik, closed.slug))?.unread).toBe(0);
	});
});
