import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildMembership
} from '../testing/world.ts';
import { emit, unreadCount } from '$lib/server/notifications';
import { TtlCache, visibilityOf } from './cache.ts';

describe('TtlCache', () => {
	it('computes once per key until the time is up, and forgets failures', async () => {
		const cache = new TtlCache<number>(1000, 2);
		let calls = 0;
		const compute = async () => ++calls;
		expect(await cache.get('a', compute, 0)).toBe(1);
		expect(await cache.get('a', compute, 999)).toBe(1);
		expect(await cache.get('a', compute, 1000)).toBe(2);
		await expect(cache.get('b', () => Promise.reject(new Error('x')), 0)).rejects.toThrow('x');
		expect(await cache.get('b', compute, 1)).toBe(3);
		await cache.get('c', compute, 2);
		await cache.get('d', compute, 3); // the oldest key goes beyond two entries
		expect(await cache.get('a', compute, 1001)).toBe(6);
	});

	it('lets go of expired values as soon as another one is stored', async () => {
		const cache = new TtlCache<number>(1000, 100);
		for (const key of ['a', 'b', 'c']) await cache.get(key, async () => 1, 0);
		await cache.get('d', async () => 2, 1500);
		expect(cache.size).toBe(1);
		expect(await cache.get('d', async () => 3, 1600)).toBe(2);
	});

	it('lets concurrent callers share one computation', async () => {
		const cache = new TtlCache<number>(1000);
		let calls = 0;
		const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
		expect(await Promise.all([cache.get('k', slow), cache.get('k', slow)])).toEqual([1, 1]);
	});
});

describe('visibility classes', () => {
	const db = useTestDatabase({ rest: true });
	let people: BuiltUser[];
	beforeAll(async () => {
		people = [await buildUser(db.sql), await buildUser(db.sql), await buildUser(db.sql)];
		const closed = await buildGroup(db.sql, {
			visibility: 'closed',
			members: [[people[0]!.id, 'coordinator']]
		});
		await buildGroup(db.sql, { visibility: 'open', members: [[people[1]!.id, 'member']] });
		await buildMembership(db.sql, { groupId: closed.id, userId: people[1]!.id });
		// Two unread notifications for the first person, one for the second, none for the third.
		for (const to of [[people[0]!.id, people[1]!.id], [people[0]!.id]]) {
			await emit(db.sql, {
				kind: 'thread_created',
				groupId: closed.id,
				actorId: people[2]!.id,
				title: 'Tråd',
				link: '/groups/x/discussions/1',
				to
			});
		}
	});

	const visibility = async (person: BuiltUser | null, role: 'member' | 'admin' = 'member') =>
		visibilityOf(
			person ? await forUser(db.rest, person.id) : anonymous(db.rest),
			person ? { id: person.id, role } : null
		);
	const key = async (person: BuiltUser | null, role: 'member' | 'admin' = 'member') =>
		(await visibility(person, role)).key;

	it('tells apart people who may read different groups, signed out and administrators', async () => {
		const [inClosed, inBoth, inNone] = people as [BuiltUser, BuiltUser, BuiltUser];
		const keys = [
			await key(inClosed),
			await key(inBoth),
			await key(inNone),
			await key(null),
			await key(inNone, 'admin')
		];
		expect(new Set(keys).size).toBe(5);
		expect(keys[2]).toBe('member:');
		expect(keys[3]).toBe('anon');
	});

	it('reads the header’s unread count with the class, each person only their own', async () => {
		const [first, second, third] = people as [BuiltUser, BuiltUser, BuiltUser];
		const counts = [];
		for (const person of [first, second, third]) {
			const { unread } = await visibility(person);
			expect(unread).toBe(await unreadCount(await forUser(db.rest, person.id)));
			counts.push(unread);
		}
		expect(counts).toEqual([2, 1, 0]);
		expect((await visibility(third, 'admin')).unread).toBe(0);
		expect((await visibility(null)).unread).toBeNull();
	});

	it('is refused to a signed-out caller, who needs no call', async () => {
		const { error } = await anonymous(db.rest).rpc('map_viewer');
		expect(error?.code).toBe('42501');
	});
});
