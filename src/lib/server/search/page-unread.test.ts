import { beforeAll, describe, expect, it } from 'vitest';
import * as search from './search.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import {
	useTestDatabase,
	rpcAs,
	buildExperience,
	buildGroup,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

// public.search_page_unread: what public.search_page answers, as the caller, and for a signed-in
// caller their unread notification count for the header (notifications/unread.ts), so that the
// search page makes no request of its own for it.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // coordinator of the closed group
let olle: BuiltUser; // member of no group
const as: Record<'anna' | 'olle' | 'anon', Db> = {} as never;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
	await buildExperience(db.sql, closed.id, anna.id, {
		title: 'Hemlig plan för gruvdrift',
		summary: 'Gruvdrift och malmbrytning i Grängesberg.'
	});
	await buildExperience(db.sql, open.id, anna.id, {
		title: 'Gruvdrift i det öppna',
		summary: 'Om gruvdriften i Bergslagen.'
	});
	await emit(db.sql, {
		kind: 'thread_created',
		groupId: open.id,
		actorId: olle.id,
		title: 'Tråd',
		link: '/groups/x/discussions/1',
		to: [anna.id]
	});
	as.anna = await forUser(db.rest, anna.id);
	as.olle = await forUser(db.rest, olle.id);
	as.anon = anonymous(db.rest);
});

const args = (q: string) => ({ q, filters: {}, sort: 'relevance', lim: search.PAGE_SIZE, off: 0 });

describe('search_page_unread', () => {
	it('answers as search_page, with a signed-in caller’s unread count', async () => {
		for (const q of ['gruvdrift', 'gruvdrfit', 'malmbrytning', 'zzqxj']) {
			for (const who of ['anna', 'olle', 'anon'] as const) {
				const page = await rpcAs<Record<string, unknown>>(as[who], 'search_page_unread', args(q));
				const { unread, ...rest } = page;
				expect(rest, `${who}: ${q}`).toEqual(await rpcAs(as[who], 'search_page', args(q)));
				expect(unread, who).toBe(who === 'anon' ? undefined : await unreadCount(as[who]));
			}
		}
		expect(await unreadCount(as.anna)).toBe(1);
	});

	it('shows a closed group’s experience only to its members', async () => {
		const titles = async (who: Db) =>
			(
				await search.find(who, search.queryFrom(new URLSearchParams({ q: 'gruvdrift' })).query!)
			).results.hits
				.map((h) => h.title)
				.sort();
		expect(await titles(as.anna)).toEqual(['Gruvdrift i det öppna', 'Hemlig plan för gruvdrift']);
		expect(await titles(as.olle)).toEqual(['Gruvdrift i det öppna']);
		expect(await titles(as.anon)).toEqual([]);
	});

	it('hands the count to the header and leaves it out of the results', async () => {
		const query = search.queryFrom(new URLSearchParams({ q: 'gruvdrift' })).query!;
		expect((await search.find(as.anna, query)).unread).toBe(1);
		expect((await search.find(as.olle, query)).unread).toBe(0);
		expect((await search.find(as.anon, query)).unread).toBeNull();
	});
});
