import { beforeAll, describe, expect, it } from 'vitest';
import * as agenda from './index.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildExperience,
	buildResearch,
	type ExperienceOverrides
} from '../testing/world.ts';

// Goal 8 gets: an open and a closed group (Anna, Avesta, in both; Lars, Ludvika, in the open
// one), an experience in each (targets 8.5 and 8.6), a draft and a hidden experience, three
// documents (public, members-only published, draft) and two research records (public 8.5,
// members-only 8.6). Erik (Ludvika) is in no group.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let annaDb: Db;
let erikDb: Db;
let anonDb: Db;
let orgs: Record<string, string>;
const ids: Record<string, string> = {};

const experience = async (groupId: string, author: string, over: ExperienceOverrides) =>
	(
		await buildExperience(db.sql, groupId, author, {
			organizationId: orgs.avesta!,
			title: 'Erfarenhet',
			sdgGoals: [8],
			...over
		})
	).id;

async function research(
	title: string,
	visibility: 'public' | 'members',
	goal: number,
	target: string | null
) {
	const sdg = target ? [{ goal }, { goal, target }] : [{ goal }];
	return (await buildResearch(db.sql, { title, visibility, createdBy: anna.id, sdg })).id;
}

beforeAll(async () => {
	const rows = await db.sql`select slug, id from public.organizations
		where slug in ('avesta', 'ludvika', 'orebro-universitet')`;
	orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	erik = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const lars = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const open = await buildGroup(db.sql, {
		visibility: 'open',
		members: [
			[anna.id, 'coordinator'],
			[lars.id, 'member']
		]
	});
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
	ids.open = open.id;
	ids.closed = closed.id;
	await db.sql`update public.groups set sdg_goals = '{8}' where id in ${db.sql([open.id, closed.id])}`;
	ids.openExperience = await experience(open.id, anna.id, { title: 'Öppen', sdgTargets: ['8.5'] });
	ids.closedExperience = await experience(closed.id, anna.id, {
		title: 'Stängd',
		sdgTargets: ['8.6']
	});
	await experience(open.id, anna.id, { title: 'Utkast', status: 'draft' });
	await experience(open.id, anna.id, { title: 'Dold', hidden: true });
	ids.publicDoc = (
		await buildDocument(db.sql, open.id, {
			status: 'published',
			isPublic: true,
			sdgGoals: [8],
			organizationId: orgs.ludvika!
		})
	).id;
	ids.membersDoc = (
		await buildDocument(db.sql, closed.id, {
			status: 'published',
			sdgGoals: [8],
			organizationId: orgs.avesta!
		})
	).id;
	ids.draftDoc = (await buildDocument(db.sql, closed.id, { sdgGoals: [8] })).id;
	ids.publicResearch = await research('Unga i arbete', 'public', 8, '8.5');
	ids.membersResearch = await research('Anställningsskydd', 'members', 8, '8.6');
	await research('Hälsa på landsbygden', 'public', 3, null);
	annaDb = await forUser(db.rest, anna.id);
	erikDb = await forUser(db.rest, erik.id);
	anonDb = anonymous(db.rest);
});

const countsOf = async (who: Db, goal: number) =>
	(await agenda.counts(who)).find((c) => c.goal === goal);
const idsOf = (list: { items: { id: string }[] } | null) => list?.items.map((i) => i.id).sort();
const sorted = (...list: string[]) => [...list].sort();

describe('goals and targets', () => {
	it('lists the 17 goals in the reader’s language with their colours', async () => {
		const sv = await agenda.goals(anonDb, 'sv');
		const en = await agenda.goals(anonDb, 'en');
		expect(sv).toHaveLength(17);
		expect(sv[7]).toMatchObject({ number: 8, code: 'SDG8', color: '#A21942' });
		expect(sv[0]!.name).toBe('Ingen fattigdom');
		expect(en[0]!.name).toBe('No Poverty');
	});

	it('gives a goal’s targets in English, marked as such, until a Swedish text exists', async () => {
		const goal = await agenda.goal(anonDb, 8, 'sv');
		expect(goal!.targets.map((t) => t.id)).toEqual([
			...Array.from({ length: 10 }, (_, i) => `8.${i + 1}`),
			'8.a',
			'8.b'
		]);
		expect(goal!.targets[0]).toMatchObject({ lang: 'en' });
		expect(goal!.title).toMatchObject({ lang: 'sv', unverified: false });
		expect(goal!.sourcesSv.length).toBeGreaterThan(0);
		// Reference data changes only with a new seed (and a restart): forget the process's copy.
		await db.sql`update public.sdg_targets set text_sv = 'Svensk text' where id = '8.1'`;
		agenda.forgetReference();
		const again = await agenda.goal(anonDb, 8, 'sv');
		expect(again!.targets[0]).toEqual({ id: '8.1', text: 'Svensk text', lang: 'sv' });
		expect((await agenda.goal(anonDb, 8, 'en'))!.targets[0]).toMatchObject({ lang: 'en' });
		await db.sql`update public.sdg_targets set text_sv = null where id = '8.1'`;
		agenda.forgetReference();
	});

	it('marks goal 7’s Swedish title as unverified', async () => {
		const goal = await agenda.goal(anonDb, 7, 'sv');
		expect(goal!.title).toMatchObject({ lang: 'sv', unverified: true });
		expect((await agenda.goal(anonDb, 7, 'en'))!.title).toMatchObject({ lang: 'en' });
	});
});

describe('counts per goal', () => {
	it('counts what a member of both groups can read', async () => {
		expect(await countsOf(annaDb, 8)).toEqual({
			goal: 8,
			groups: 2,
			experiences: 2,
			documents: 3,
			research: 2
		});
		expect(await countsOf(annaDb, 3)).toMatchObject({ groups: 0, research: 1 });
	});

	it('leaves out a closed group’s experiences and drafts for non-members', async () => {
		expect(await countsOf(erikDb, 8)).toEqual({
			goal: 8,
			groups: 2,
			experiences: 1,
			documents: 2,
			research: 2
		});
	});

	it('counts only public research and documents signed out', async () => {
		expect(await countsOf(anonDb, 8)).toEqual({
			goal: 8,
			groups: 1,
			experiences: 0,
			documents: 1,
			research: 1
		});
		expect(await agenda.counts(anonDb)).toHaveLength(17);
	});
});

describe('linked to a goal', () => {
	const all = { target: undefined, municipality: undefined, type: undefined };

	it('lists every kind, as far as the reader may see', async () => {
		const found = await agenda.linked(annaDb, 8, all);
		expect(idsOf(found.group)).toEqual(sorted(ids.open!, ids.closed!));
		expect(idsOf(found.experience)).toEqual(sorted(ids.openExperience!, ids.closedExperience!));
		expect(found.document!.total).toBe(3);
		expect(idsOf(found.research)).toEqual(sorted(ids.publicResearch!, ids.membersResearch!));
		const anon = await agenda.linked(anonDb, 8, all);
		expect(idsOf(anon.experience)).toEqual([]);
		expect(idsOf(anon.document)).toEqual([ids.publicDoc]);
		expect(idsOf(anon.research)).toEqual([ids.publicResearch]);
	});

	it('filters by target: experiences and research only', async () => {
		const found = await agenda.linked(annaDb, 8, { ...all, target: '8.6' });
		expect(found.group).toBeNull();
		expect(found.document).toBeNull();
		expect(idsOf(found.experience)).toEqual([ids.closedExperience]);
		expect(idsOf(found.research)).toEqual([ids.membersResearch]);
		expect((await agenda.linked(anonDb, 8, { ...all, target: '8.6' })).research!.total).toBe(0);
		expect(idsOf((await agenda.linked(erikDb, 8, { ...all, target: '8.6' })).experience)).toEqual(
			[]
		);
	});

	it('filters by municipality: its experiences, documents and groups its people are in', async () => {
		const ludvika = await agenda.linked(annaDb, 8, { ...all, municipality: orgs.ludvika });
		expect(idsOf(ludvika.group)).toEqual([ids.open]);
		expect(idsOf(ludvika.document)).toEqual([ids.publicDoc]);
		expect(idsOf(ludvika.experience)).toEqual([]);
		expect(ludvika.research).toBeNull();
		const avesta = await agenda.linked(annaDb, 8, { ...all, municipality: orgs.avesta });
		expect(idsOf(avesta.group)).toEqual(sorted(ids.open!, ids.closed!));
		expect(idsOf(avesta.document)).toEqual([ids.membersDoc]);
		expect(avesta.experience!.total).toBe(2);
		const anon = await agenda.linked(anonDb, 8, { ...all, municipality: orgs.ludvika });
		expect(idsOf(anon.document)).toEqual([ids.publicDoc]);
		expect(idsOf(anon.group)).toEqual([]);
	});

	it('gives an outsider of the closed group none of its experiences or drafts, in one call', async () => {
		const page = await agenda.goalPage(erikDb, 8, all);
		const found = agenda.linkedFrom(page);
		expect(idsOf(found.experience)).toEqual([ids.openExperience]);
		expect(found.experience!.total).toBe(1);
		expect(idsOf(found.document)).toEqual(sorted(ids.publicDoc!, ids.membersDoc!));
		expect(found.document!.total).toBe(2);
		expect(found.experience!.items[0]!.group?.slug).toBeTruthy();
		const avesta = agenda.organizationsFrom(page.organizations).find((o) => o.slug === 'avesta');
		expect(avesta?.experiences).toBe(1);
		expect(page.choices.map((o) => o.id)).toContain(orgs.avesta);
		// The page sends the names of the organizations its lists show, not of every one.
		expect([...agenda.organizationsNamed(found)].sort()).toEqual(
			sorted(orgs.avesta!, orgs.ludvika!)
		);
	});

	it('counts the caller’s unread notifications for the header in the same call', async () => {
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: ids.open!,
			actorId: erik.id,
			title: 'Tråd',
			link: '/groups/x/discussions/1',
			to: [anna.id]
		});
		expect(await unreadCount(annaDb)).toBe(1);
		for (const who of [annaDb, erikDb]) {
			expect((await agenda.goalPage(who, 8, all)).unread).toBe(await unreadCount(who));
		}
		// Signed out there is no badge, and anon may not read notifications at all.
		expect((await agenda.goalPage(anonDb, 8, all)).unread).toBeUndefined();
	});

	it('filters by type', async () => {
		const found = await agenda.linked(annaDb, 8, { ...all, type: 'research' });
		expect([found.group, found.experience, found.document]).toEqual([null, null, null]);
		expect(found.research!.total).toBe(2);
		expect(agenda.scope({ ...all, type: 'document', target: '8.5' })).toEqual({
			shown: [],
			excluded: [['document', 'target']]
		});
	});

	it('ignores malformed filters and targets of other goals', () => {
		const parse = (q: string) => agenda.filtersFrom(new URLSearchParams(q), 8);
		expect(parse('target=3.1&municipality=x&type=spell')).toEqual({
			target: undefined,
			municipality: undefined,
			type: undefined
		});
		expect(parse(`target=8.a&municipality=${orgs.avesta}&type=group`)).toEqual({
			target: '8.a',
			municipality: orgs.avesta,
			type: 'group'
		});
	});
});

describe('organizations working on a goal', () => {
	it('lists a municipality with an experience on the goal', async () => {
		const found = await agenda.organizations(annaDb, 8);
		expect(found.find((o) => o.slug === 'avesta')).toMatchObject({
			kind: 'kommun',
			experiences: 2,
			documents: 1,
			groups: 2
		});
		expect(found.find((o) => o.slug === 'ludvika')).toMatchObject({ documents: 1, groups: 1 });
		expect(await agenda.organizations(annaDb, 3)).toEqual([]);
	});

	it('counts for people outside the closed group only the open group’s experience', async () => {
		// From the map's maintained counts (20261207400300): the same reading rule.
		const found = await agenda.organizations(erikDb, 8);
		expect(found.find((o) => o.slug === 'avesta')?.experiences).toBe(1);
		await db.sql`update public.experiences set hidden_at = now() where id = ${ids.openExperience!}`;
		const hidden = await agenda.organizations(erikDb, 8);
		expect(hidden.find((o) => o.slug === 'avesta')?.experiences ?? 0).toBe(0);
		await db.sql`update public.experiences set hidden_at = null where id = ${ids.openExperience!}`;
	});

	it('shows signed-out visitors the municipalities behind public documents', async () => {
		const found = await agenda.organizations(anonDb, 8);
		expect(found.map((o) => [o.slug, o.documents])).toEqual([['ludvika', 1]]);
	});
});

describe('goal numbers in URLs', () => {
	it('accepts 1–17 as written, nothing else', () => {
		const ok = (s: string) => agenda.goalNumber.safeParse(s).success;
		expect(agenda.goalNumber.parse('8')).toBe(8);
		expect(['1', '17'].every(ok)).toBe(true);
		expect(['0', '18', '08', '8.0', '1e1', ' 8', 'x', ''].some(ok)).toBe(false);
	});
});
