import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser, type BuiltUser } from '../testing/world.ts';
import * as search from './search.ts';

// A record whose title matches is a candidate for the first page even when more records of its
// type match than the first pass reads (public.search's titles pass). Since 20261214000700
// the titles pass runs only when the first pass reached a type's cap (50 for the first page):
// 60 experiences mention peat cutting in their summaries, and the one titled with it comes last
// (the last id slice), beyond the first pass; it must still lead the page.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let annaDb: Db;
let groupId: string;

const insert = (id: string, title: string, summary: string) => db.sql`
	insert into public.experiences (id, group_id, author_id, title, summary, status, published_at)
	values (${id}, ${groupId}, ${anna.id}, ${title}, ${summary}, 'published', now())`;

const firstPage = async (q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q }));
	return (await search.find(annaDb, parsed.query!)).results;
};

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	annaDb = await forUser(db.rest, anna.id);
	groupId = (await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] })).id;
	for (let i = 1; i <= 60; i++) {
		const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
		await insert(id, `Erfarenhet ${i} från Hällefors`, 'Vi prövade torvbruk på en gammal myr.');
		if (i <= 10)
			await insert(id.replace(/^0000/, '0001'), `Snöröjning ${i}`, 'Plogning i ytterområdena.');
	}
	await insert('ffffffff-ffff-4fff-bfff-ffffffffffff', 'Torvbruk i Bergslagen', 'Om myrarna.');
	await insert('fffffffe-ffff-4fff-bfff-ffffffffffff', 'Plogning i Bergslagen', 'Om vintern.');
});

describe('search: a title match beyond the first pass', () => {
	it('leads the page when more of its type match than the first pass reads', async () => {
		const found = await firstPage('torvbruk');
		expect(found.facets.total).toBe(61);
		expect(found.hits).toHaveLength(20);
		expect(found.hits[0]?.title).toBe('Torvbruk i Bergslagen');
	});

	it('is found with every other match when they are few', async () => {
		const found = await firstPage('plogning');
		expect(found.facets.total).toBe(11);
		expect(found.hits[0]?.title).toBe('Plogning i Bergslagen');
	});
});
