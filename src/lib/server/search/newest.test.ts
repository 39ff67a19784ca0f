import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildDocument, buildGroup, buildUser } from '../testing/world.ts';
import * as search from './search.ts';

// Newest first ranks only the newest matches it keeps (supabase/migrations/
// 20261211300000_search_facets_sample_after_cap.sql), no longer every match before sorting: the
// order is the same, and the rank still decides between hits of the same date.

const db = useTestDatabase({ rest: true });
let anna: Db;

const newest = async (q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q, sort: 'date' }));
	return (await search.find(anna, parsed.query!)).results.hits;
};

beforeAll(async () => {
	const user = await buildUser(db.sql, { name: 'Anna Lind' });
	const group = await buildGroup(db.sql, { visibility: 'open', members: [[user.id, 'member']] });
	const doc = (title: string) =>
		buildDocument(db.sql, group.id, { title, status: 'published', isPublic: true });
	await doc('Plogning i byn');
	await doc('Plogning och plogning: plogning av vägar');
	await doc('Äldre plogning');
	await db.sql`update public.documents set content_updated_at = '2026-01-01'
		where title like 'Plogning%'`;
	await db.sql`update public.documents set content_updated_at = '2020-01-01'
		where title = 'Äldre plogning'`;
	await db.sql`insert into public.research (title, year, visibility) values
		('Plogning', 2024, 'public'), ('Plogning och plogning av plogade vägar', 2024, 'public')`;
	anna = await forUser(db.rest, user.id);
});

describe('search, newest first', () => {
	it('orders by date, and by rank between hits of the same date', async () => {
		const hits = await newest('plogning');
		expect(hits.map((h) => h.title)).toEqual([
			'Plogning och plogning: plogning av vägar',
			'Plogning i byn',
			'Plogning och plogning av plogade vägar',
			'Plogning',
			'Äldre plogning'
		]);
	});
});
