import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import { buildGroup, buildUser, useTestDatabase } from '../testing/world.ts';
import { emit } from './emit.ts';
import { headerUnread, offerUnread } from './unread.ts';

// The header's unread badge: taken from the page's own call when the page offers it (even an
// offer made after the layout started, as SvelteKit starts the layout first), and read with one
// call of its own otherwise, also when the offer failed or found nothing.

const db = useTestDatabase({ rest: true });
let asReader: Db;
const untouched = new Proxy({} as Db, {
	get: () => {
		throw new Error('the layout asked PostgREST although the page offered the count');
	}
});

beforeAll(async () => {
	const reader = await buildUser(db.sql);
	const actor = await buildUser(db.sql);
	const group = await buildGroup(db.sql, {
		members: [
			[reader.id, 'member'],
			[actor.id, 'coordinator']
		]
	});
	for (const title of ['Ett', 'Två']) {
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: group.id,
			actorId: actor.id,
			title,
			link: '/groups/x/discussions/1',
			to: [reader.id]
		});
	}
	asReader = await forUser(db.rest, reader.id);
});

describe('headerUnread', () => {
	it('takes the count the page offered, made after the layout started', async () => {
		const locals = {};
		const badge = headerUnread(locals, untouched);
		offerUnread(locals, Promise.resolve(7));
		expect(await badge).toBe(7);
	});

	it('takes an offered zero as it is', async () => {
		const locals = {};
		offerUnread(locals, Promise.resolve(0));
		expect(await headerUnread(locals, untouched)).toBe(0);
	});

	it('reads the count itself without an offer, or when the offer failed or found nothing', async () => {
		expect(await headerUnread({}, asReader)).toBe(2);
		for (const offer of [Promise.reject(new Error('down')), Promise.resolve(null)]) {
			const locals = {};
			offerUnread(locals, offer);
			expect(await headerUnread(locals, asReader)).toBe(2);
		}
	});

	it('keeps one request’s offer from another', async () => {
		const one = {};
		offerUnread(one, Promise.resolve(5));
		expect(await headerUnread({}, asReader)).toBe(2);
		expect(await headerUnread(one, untouched)).toBe(5);
	});
});
