import { beforeAll, describe, expect, it } from 'vitest';
import { inGroup } from '$lib/server/activity';
import { eventGroups } from '$lib/server/events';
import { forUser, type Db } from '$lib/server/platform';
import { links, radar } from '$lib/server/research';
import * as groups from './index.ts';
import { memberships } from './index.ts';
import {
	useTestDatabase,
	buildEvent,
	buildExperience,
	buildGroup,
	buildResearch,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

// A group's overview in one call (public.group_overview): the same as the calls it replaces,
// read as the caller, so a closed group's members, links and activity stay with its members.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let olle: BuiltUser;
let closed: { id: string; slug: string };
const as: Record<string, Db> = {};
const titles: Record<string, string> = {};

/** What the page read before, one call at a time. */
async function separately(who: Db, groupId: string) {
	return {
		members: await memberships.members(who, groupId),
		links: await links.forTarget(who, { kind: 'group', groupId }),
		activity: await inGroup(who, groupId),
		events: await eventGroups.forGroup(who, groupId, 5),
		radar: await radar.forSubject(who, { group: groupId }, 5)
	};
}
const withRadar = { radarHits: 5 };

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna', organizationSlug: 'avesta' });
	const erik = await buildUser(db.sql, { name: 'Erik', organizationSlug: 'ludvika' });
	olle = await buildUser(db.sql, { name: 'Olle' });
	for (const u of [anna, olle]) as[u.name] = await forUser(db.rest, u.id);
	closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	const other = await buildGroup(db.sql, { members: [[olle.id, 'coordinator']] });
	await buildExperience(db.sql, closed.id, erik.id, { title: 'Sommarjobb i Avesta' });
	const study = await buildResearch(db.sql, { title: 'Ungas sysselsättning' });
	// Something for the radar to suggest: research on the group's goal and words.
	await db.sql`update public.groups set sdg_goals = '{8}', name = 'Unga i arbete',
		description = 'Sommarjobb för unga.' where id = ${closed.id}`;
	await buildResearch(db.sql, { title: 'Sommarjobb för unga i kommunerna', sdg: [{ goal: 8 }] });
	await db.sql`insert into public.research_links (research_id, group_id, status, proposed_by)
		values (${study.id}, ${closed.id}, 'confirmed', ${anna.id})`;
	const day = 86_400_000;
	for (const [name, groupId, inDays] of [
		['past', closed.id, -3],
		['later', closed.id, 9],
		['soon', closed.id, 2],
		['withUs', other.id, 5],
		['elsewhere', other.id, 4]
	] as const) {
		titles[name] = `Träff ${name}`;
		const { id } = await buildEvent(db.sql, {
			title: titles[name],
			groupId,
			startsAt: new Date(Date.now() + inDays * day)
		});
		if (name === 'withUs')
			await db.sql`insert into public.event_groups (event_id, group_id) values (${id}, ${closed.id})`;
	}
});

describe('groups.overview', () => {
	it('gives a member what the separate calls gave', async () => {
		await as.Anna!.rpc('refresh_research_radar', { p_group: closed.id });
		const o = await groups.overview(as.Anna!, closed.id, true, withRadar);
		expect(o).toEqual(await separately(as.Anna!, closed.id));
		expect(o.radar.map((h) => h.research.title)).toContain('Sommarjobb för unga i kommunerna');
		expect(o.members!.map((m) => m.name)).toEqual(['Anna', 'Erik']);
		expect(o.links.map((l) => l.research?.title)).toEqual(['Ungas sysselsättning']);
		expect(o.activity!.map((a) => a.title)).toEqual(['Sommarjobb i Avesta']);
		expect(o.events.map((e) => e.title)).toEqual([titles.soon, titles.withUs, titles.later]);
	});

	it('reads only the events when the caller may not read the group’s content', async () => {
		const o = await groups.overview(as.Olle!, closed.id, false, withRadar);
		expect(o).toMatchObject({ members: null, links: [], activity: null, radar: [] });
		expect(o.events).toEqual(await eventGroups.forGroup(as.Olle!, closed.id, 5));
	});

	it('shows an outsider none of a closed group’s members, links or activity, whatever is asked', async () => {
		const o = await groups.overview(as.Olle!, closed.id, true, withRadar);
		expect(o).toEqual(await separately(as.Olle!, closed.id));
		expect(o).toMatchObject({ members: [], links: [], activity: [] });
	});

	it('lists the group’s own links, however many its experiences have had since', async () => {
		const experience = await buildExperience(db.sql, closed.id, anna.id, { title: 'Lärlingar' });
		const older = await buildResearch(db.sql, { title: 'Lärlingsutbildning i Bergslagen' });
		await db.sql`insert into public.research_links (research_id, group_id, status, proposed_by,
				created_at) values (${older.id}, ${closed.id}, 'confirmed', ${anna.id}, now() - interval '1 day')`;
		// 101 newer links to one of its experiences: the page showed only the latest 100 of all kinds.
		await db.sql`with studies as (
				insert into public.research (title, visibility)
				select 'Studie ' || i, 'public' from generate_series(1, 101) i returning id)
			insert into public.research_links (research_id, group_id, experience_id, status, proposed_by)
			select s.id, ${closed.id}, ${experience.id}, 'confirmed', ${anna.id} from studies s`;
		const o = await groups.overview(as.Anna!, closed.id, true);
		expect(o.links.map((l) => l.research?.title)).toEqual([
			'Ungas sysselsättning',
			'Lärlingsutbildning i Bergslagen'
		]);
		expect(o.links).toEqual(await links.forTarget(as.Anna!, { kind: 'group', groupId: closed.id }));
	});

	it('reads no radar unless asked for it', async () => {
		expect((await groups.overview(as.Anna!, closed.id, true)).radar).toEqual([]);
	});
});
