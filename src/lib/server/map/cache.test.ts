import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildMembership
} from '../testing/world.ts';
import { TtlCache, visibilityKey } from './cache.ts';

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
	});

	const key = async (person: BuiltUser | null, role: 'member' | 'admin' = 'member') =>
		visibilityKey(
			person ? await forUser(db.rest, person.id) : anonymous(db.rest),
			person ? { id: person.id, role } : null
		);

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
});
