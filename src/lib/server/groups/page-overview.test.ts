import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import { forUser } from '$lib/server/platform';
import * as groups from './index.ts';
import { useTestDatabase, buildUser, type BuiltUser, buildGroup } from '../testing/world.ts';

// The group's overview page reads its content with the group, in the layout's one call
// (public.group_page_open with p_overview): the same overview as its own call
// (public.group_overview) under the page's content rule, for each kind of visitor.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let olle: BuiltUser;
let boss: BuiltUser;
let closed: { id: string; slug: string };
let open: { id: string; slug: string };

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	boss = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'coordinator']] });
	open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'coordinator']] });
});

async function opened(user: BuiltUser, role: SessionUser['role'], slug: string, asked = true) {
	const supabase = await forUser(db.rest, user.id);
	const locals = { supabase, user: { id: user.id, name: user.name, role } as SessionUser };
	const event = { locals, url: new URL(`http://erfa.test/groups/${slug}`), params: { slug } };
	const access = await groups.groupPageAccess(event as never, 'Not found', asked);
	return { supabase, access, overview: groups.pageOverview(locals) };
}

describe('the overview read with the group', () => {
	const now = new Date();
	const own = (s: { supabase: never }, id: string, canRead: boolean) =>
		groups.overview(s.supabase, id, canRead, { ...groups.PAGE_OVERVIEW, now });

	it('is the overview page’s own read, content for members, admins and open groups', async () => {
		for (const [user, role, group] of [
			[anna, 'member', closed],
			[boss, 'admin', closed],
			[olle, 'member', open]
		] as const) {
			const read = await opened(user, role, group.slug);
			expect(read.access.canRead).toBe(true);
			expect(read.overview?.members).not.toBeNull();
			expect(read.overview).toEqual(await own(read as never, group.id, true));
		}
	});

	it('gives an outsider of a closed group only what the page shows outsiders', async () => {
		const read = await opened(olle, 'member', closed.slug);
		expect(read.access.canRead).toBe(false);
		expect(read.overview).toMatchObject({ members: null, activity: null, radar: [] });
		expect(read.overview).toEqual(await own(read as never, closed.id, false));
	});

	it('is not read for the group’s other pages', async () => {
		expect((await opened(anna, 'member', closed.slug, false)).overview).toBeUndefined();
	});
});
