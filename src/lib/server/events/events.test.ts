import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import * as events from './events.ts';
import { page } from './page.ts';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';

// Who sees and who writes events, through the REST API as the app uses it. Anna coordinates an
// open and a closed group; Erik is a member of the open one only; Olle of none; Maria is an
// administrator.

const db = useTestDatabase({ rest: true });
let people: Record<'anna' | 'erik' | 'olle' | 'maria', BuiltUser>;
let as: Record<'anna' | 'erik' | 'olle' | 'maria' | 'anon', Db>;
const groups: Record<string, string> = {};
const DAY = 24 * 3600 * 1000;
const now = Date.now();

const session = (u: BuiltUser, role: SessionUser['role'] = 'member'): SessionUser => ({
	id: u.id,
	name: u.name,
	role,
	organizationId: null,
	emailVerified: true
});

function input(overrides: Partial<events.EventInput> = {}): events.EventInput {
	return {
		title: 'Seminarium om kompetens',
		description: 'Välkommen!',
		kind: 'seminar',
		mode: 'on_site',
		startsAt: new Date(now + 10 * DAY),
		endsAt: new Date(now + 10 * DAY + 2 * 3600 * 1000),
		location: 'Ludvika',
		address: null,
		onlineUrl: null,
		themeId: null,
		registration: {
			open: false,
			capacity: null,
			capacityOnSite: null,
			capacityOnline: null,
			deadline: null
		},
		registrationUrl: null,
		organizationId: null,
		groupId: null,
		sdgGoals: [8],
		visibility: 'public',
		...overrides
	};
}

async function insert(title: string, over: Partial<events.EventInput> = {}): Promise<string> {
	const saved = await events.create(as.maria, people.maria.id, input({ title, ...over }));
	if (!saved.ok) throw new Error('admin could not create');
	return saved.id;
}

const titles = async (who: Db) =>
	[
		...(await events.upcoming(who)).map((e) => e.title),
		...(await events.past(who)).items.map((e) => e.title)
	].sort();

beforeAll(async () => {
	people = {
		anna: await buildUser(db.sql, { organizationSlug: 'avesta' }),
		erik: await buildUser(db.sql, { organizationSlug: 'ludvika' }),
		olle: await buildUser(db.sql, { organizationSlug: 'filipstad' }),
		maria: await buildUser(db.sql, { role: 'admin' })
	};
	const open = await buildGroup(db.sql, {
		visibility: 'open',
		members: [
			[people.anna.id, 'coordinator'],
			[people.erik.id, 'member']
		]
	});
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[people.anna.id, 'coordinator']]
	});
	groups.open = open.id;
	groups.closed = closed.id;
	as = {
		anna: await forUser(db.rest, people.anna.id),
		erik: await forUser(db.rest, people.erik.id),
		olle: await forUser(db.rest, people.olle.id),
		maria: await forUser(db.rest, people.maria.id),
		anon: anonymous(db.rest)
	};
	await insert('Öppen konferens', { kind: 'conference', sdgGoals: [11, 17] });
	await insert('Medlemsmöte', { kind: 'meeting', visibility: 'members' });
	await insert('Öppen grupps träff', { groupId: groups.open });
	await insert('Sluten grupps träff', { groupId: groups.closed });
	await insert('Förra årets workshop', {
		kind: 'workshop',
		startsAt: new Date(now - 400 * DAY),
		endsAt: new Date(now - 400 * DAY + 3600 * 1000)
	});
});

describe('reading events', () => {
	it('shows public events signed out, but not members-only or closed groups’ events', async () => {
		expect(await titles(as.anon)).toEqual([
			'Förra årets workshop',
			'Öppen grupps träff',
			'Öppen konferens'
		]);
	});

	it('shows members-only events to every member, a closed group’s only to the group', async () => {
		const everyone = [
			'Förra årets workshop',
			'Medlemsmöte',
			'Öppen grupps träff',
			'Öppen konferens'
		];
		expect(await titles(as.olle)).toEqual(everyone);
		expect(await titles(as.erik)).toEqual(everyone);
		expect(await titles(as.anna)).toEqual([...everyone, 'Sluten grupps träff'].sort());
		expect(await titles(as.maria)).toEqual([...everyone, 'Sluten grupps träff'].sort());
	});

	it('lists upcoming events soonest first, past ones separately, filtered by kind and goal', async () => {
		const soon = await insert('Snart', {
			startsAt: new Date(now + DAY),
			endsAt: new Date(now + DAY)
		});
		const upcoming = await events.upcoming(as.anon);
		expect(upcoming[0]!.id).toBe(soon);
		expect(upcoming.every((e) => e.startsAt >= upcoming[0]!.startsAt)).toBe(true);
		expect((await events.past(as.anon)).items.map((e) => e.title)).toEqual([
			'Förra årets workshop'
		]);
		const conferences = await events.upcoming(as.anon, { kind: 'conference', page: 1 });
		expect(conferences.map((e) => e.title)).toEqual(['Öppen konferens']);
		const goal17 = await events.upcoming(as.anon, { goal: 17, page: 1 });
		expect(goal17.map((e) => e.title)).toEqual(['Öppen konferens']);
		expect(await events.remove(as.maria, soon)).toBe(true);
	});

	it('reads one event with its group, and nothing for an id it may not see', async () => {
		const [row] = await db.sql`select id from public.events where title = 'Sluten grupps träff'`;
		const found = await events.get(as.anna, row!.id);
		expect(found).toMatchObject({ title: 'Sluten grupps träff', groupId: groups.closed });
		expect(found!.group!.name).toMatch(/^Grupp /);
		expect(await events.get(as.erik, row!.id)).toBeNull();
		expect(await events.get(as.anon, 'not-a-uuid')).toBeNull();
	});
});

describe('writing events', () => {
	it('lets a coordinator create, edit and delete their group’s events only', async () => {
		const own = await events.create(as.anna, people.anna.id, input({ groupId: groups.closed }));
		expect(own.ok).toBe(true);
		const id = (own as { id: string }).id;
		expect(
			await events.update(as.anna, id, input({ groupId: groups.closed, title: 'Ändrad' }))
		).toEqual({ ok: true, id });
		expect((await events.get(as.anna, id))!.title).toBe('Ändrad');
		// Not an event without a group, nor someone else's.
		expect(await events.create(as.anna, people.anna.id, input())).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const [network] = await db.sql`select id from public.events where title = 'Öppen konferens'`;
		expect(await events.update(as.anna, network!.id, input())).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await events.remove(as.anna, network!.id)).toBe(false);
		expect(await events.remove(as.anna, id)).toBe(true);
	});

	it('refuses members who coordinate nothing', async () => {
		expect(await events.create(as.erik, people.erik.id, input({ groupId: groups.open }))).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const [row] = await db.sql`select id from public.events where title = 'Öppen grupps träff'`;
		expect(await events.remove(as.erik, row!.id)).toBe(false);
		expect(await events.create(as.anon, people.erik.id, input())).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
	});

	it('keeps ends after starts and online addresses on https in the database too', async () => {
		const backwards = input({ endsAt: new Date(now), startsAt: new Date(now + DAY) });
		await expect(events.create(as.maria, people.maria.id, backwards)).rejects.toThrow(/check/);
		await expect(
			events.create(as.maria, people.maria.id, input({ onlineUrl: 'http://x.example' }))
		).rejects.toThrow(/check/);
	});

	it('offers each organizer the groups they may hold events for', async () => {
		const anna = await events.organizerGroups(as.anna, session(people.anna));
		expect(anna.map((g) => g.id).sort()).toEqual([groups.open, groups.closed].sort());
		expect(await events.organizerGroups(as.erik, session(people.erik))).toEqual([]);
		expect(events.canCreate(session(people.erik), [])).toBe(false);
		expect(events.canCreate(session(people.maria, 'admin'), [])).toBe(true);
		expect(events.canEdit(session(people.anna), { groupId: groups.closed! }, anna)).toBe(true);
		expect(events.canEdit(session(people.anna), { groupId: null }, anna)).toBe(false);
	});

	it('reads the events list’s organizer groups with the unread count in one call', async () => {
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: groups.open!,
			actorId: people.erik.id,
			title: 'Tråd',
			link: '/groups/x/discussions/1',
			to: [people.anna.id]
		});
		expect(await unreadCount(as.anna)).toBe(1);
		for (const [db, user] of [
			[as.anna!, session(people.anna)],
			[as.erik!, session(people.erik)],
			[as.maria!, session(people.maria, 'admin')]
		] as const) {
			const { mine } = await page(db, { page: 1 }, user);
			expect(mine!.groups).toEqual(await events.organizerGroups(db, user));
			expect(mine!.unread).toBe(await unreadCount(db));
		}
		// Signed out there is neither (and anon may not read notifications at all).
		expect((await page(as.anon, { page: 1 }, null)).mine).toBeNull();
	});

	it('reads the events list in one call as upcoming() and past() read it, as the caller', async () => {
		// An online meeting's link is for its organizers (and confirmed participants) only.
		await insert('Webbinarium', {
			mode: 'online',
			onlineUrl: 'https://möte.example/rum',
			groupId: groups.open
		});
		const filters: events.Filters[] = [
			{ page: 1 },
			{ page: 2 },
			{ kind: 'conference', page: 1 },
			{ goal: 17, page: 1 },
			{ kind: 'workshop', goal: 8, page: 1 }
		];
		for (const [who, user] of [
			[as.anna!, session(people.anna)],
			[as.erik!, session(people.erik)],
			[as.maria!, session(people.maria, 'admin')],
			[as.anon!, null]
		] as const) {
			for (const f of filters) {
				const one = await page(who, f, user);
				expect(one.upcoming).toEqual(await events.upcoming(who, f));
				expect(one.past).toEqual(await events.past(who, f));
			}
		}
		// The closed group's event only for its members and administrators.
		const shown = async (who: Db, user: SessionUser | null) =>
			(await page(who, { page: 1 }, user)).upcoming.map((e) => e.title);
		expect(await shown(as.erik, session(people.erik))).not.toContain('Sluten grupps träff');
		expect(await shown(as.anon, null)).not.toContain('Sluten grupps träff');
		expect(await shown(as.anon, null)).not.toContain('Medlemsmöte');
		expect(await shown(as.anna, session(people.anna))).toContain('Sluten grupps träff');
		const link = async (who: Db, user: SessionUser | null) =>
			(await page(who, { page: 1 }, user)).upcoming.find((e) => e.title === 'Webbinarium')!
				.onlineUrl;
		expect(await link(as.anna, session(people.anna))).toMatch(/^https:/);
		expect(await link(as.erik, session(people.erik))).toBeNull();
		expect(await link(as.anon, null)).toBeNull();
	});
});
