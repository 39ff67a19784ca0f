import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as events from './events.ts';
import * as eventGroups from './event-groups.ts';
import * as feed from './feed.ts';
import * as registrations from './registrations.ts';
import { buildEvent, buildGroup, buildUser, useTestDatabase } from '../testing/world.ts';

// An event held by two closed groups: Anna coordinates the lead group A and is a member of B;
// Cecilia coordinates B; Dan is a member of B only; Erik is a member of neither; group C is
// Erik's. Through the REST API as the app uses it, so RLS decides every answer.

const db = useTestDatabase({ rest: true });
type Who = 'anna' | 'cecilia' | 'dan' | 'erik';
const ids = {} as Record<Who, string>;
const as = {} as Record<Who | 'anon', Db>;
const group = {} as Record<'a' | 'b' | 'c', string>;
let eventId: string;
let danRegistration: string;

const session = (who: Who): SessionUser => ({
	id: ids[who],
	name: who,
	role: 'member',
	organizationId: null,
	emailVerified: true
});

beforeAll(async () => {
	for (const who of ['anna', 'cecilia', 'dan', 'erik'] as const) {
		ids[who] = (await buildUser(db.sql)).id;
		as[who] = await forUser(db.rest, ids[who]);
	}
	as.anon = anonymous(db.rest);
	group.a = (
		await buildGroup(db.sql, { visibility: 'closed', members: [[ids.anna, 'coordinator']] })
	).id;
	group.b = (
		await buildGroup(db.sql, {
			visibility: 'closed',
			members: [
				[ids.cecilia, 'coordinator'],
				[ids.anna, 'member'],
				[ids.dan, 'member']
			]
		})
	).id;
	group.c = (await buildGroup(db.sql, { members: [[ids.erik, 'coordinator']] })).id;
	eventId = (await buildEvent(db.sql, { groupId: group.a, createdBy: ids.anna })).id;
	await db.sql`update public.events set registration_open = true where id = ${eventId}`;
});

describe('linking an event to further groups', () => {
	it('offers the groups a person belongs to, and links only those', async () => {
		const offered = await eventGroups.joinable(as.anna, session('anna'));
		expect(offered.map((g) => g.id).sort()).toEqual([group.a, group.b].sort());
		// Group C is not Anna's: RLS refuses, and nothing is linked.
		expect(await eventGroups.setLinked(as.anna, eventId, [group.c], [group.c])).toBe(false);
		expect(await eventGroups.setLinked(as.anna, eventId, [group.b], [group.b])).toBe(true);
		const found = await events.get(as.anna, eventId);
		expect(found!.groups.map((g) => g.id)).toEqual([group.b]);
	});

	it('does not let someone who cannot edit the event link it to their own group', async () => {
		expect(await eventGroups.setLinked(as.erik, eventId, [group.c], [group.c])).toBe(false);
		const [row] = await db.sql`select count(*)::int as n from public.event_groups
			where event_id = ${eventId} and group_id = ${group.c}`;
		expect(row!.n).toBe(0);
	});
});

describe('an event of two closed groups', () => {
	it('reaches the members of either group and nobody else', async () => {
		expect(await events.get(as.dan, eventId)).not.toBeNull();
		expect(await events.get(as.erik, eventId)).toBeNull();
		expect(await events.get(as.anon, eventId)).toBeNull();
		const onB = await eventGroups.forGroup(as.dan, group.b);
		expect(onB.map((e) => e.id)).toEqual([eventId]);
		expect((await eventGroups.forGroup(as.anna, group.a)).map((e) => e.id)).toEqual([eventId]);
		expect(await eventGroups.forGroup(as.erik, group.b)).toEqual([]);
	});

	it('lets a member of the second group register and find it in their calendar feed', async () => {
		const result = await registrations.register(as.dan, eventId, 'on_site');
		expect(result).toMatchObject({ ok: true, status: 'confirmed' });
		danRegistration = (result as { id: string }).id;
		const mine = await feed.eventsFor(as.dan, ids.dan);
		expect(mine.map((e) => e.id)).toContain(eventId);
		const erik = await registrations.register(as.erik, eventId, 'on_site');
		expect(erik).toEqual({ ok: false, reason: 'not_found' });
	});

	it('makes the second group’s coordinator an organizer; a member of neither is not', async () => {
		const list = await registrations.participants(as.cecilia, eventId);
		expect(list.map((p) => p.id)).toEqual([danRegistration]);
		expect(list[0]!.email).toMatch(/@/);
		expect(await registrations.participants(as.erik, eventId)).toEqual([]);
		// Dan sees his own registration only, and is no organizer.
		expect((await registrations.participants(as.dan, eventId)).map((p) => p.id)).toEqual([
			danRegistration
		]);
		const event = (await events.get(as.cecilia, eventId))!;
		const coordinated = await events.organizerGroups(as.cecilia, session('cecilia'));
		expect(events.isOrganizer(session('cecilia'), event, coordinated)).toBe(true);
		expect(events.canEdit(session('cecilia'), event, coordinated)).toBe(false);
		expect(events.isOrganizer(session('dan'), event, [])).toBe(false);
		expect(await registrations.markAttended(as.cecilia, eventId, danRegistration, true)).toBe(true);
		expect(await registrations.markAttended(as.erik, eventId, danRegistration, false)).toBe(false);
	});

	it('lets the second group withdraw: its coordinator unlinks, a member cannot', async () => {
		expect(await eventGroups.setLinked(as.dan, eventId, [group.b], [])).toBe(false);
		expect(await eventGroups.setLinked(as.cecilia, eventId, [group.b], [])).toBe(true);
		expect(await events.get(as.dan, eventId)).toBeNull();
		expect(await registrations.participants(as.cecilia, eventId)).toEqual([]);
	});
});
