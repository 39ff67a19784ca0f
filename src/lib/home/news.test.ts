import { describe, expect, it } from 'vitest';
import { NEWS_COUNT_CAP, newsParts } from './news.ts';
import type { GroupNews } from './types.ts';

// The home page's line per group: public.my_group_news stops counting at NEWS_COUNT_CAP, and a
// count that reached it is said as "more than 99", never as the number it stopped at.

const group = (counts: Partial<GroupNews>): GroupNews => ({
	groupId: 'g',
	slug: 'g',
	name: 'Grupp',
	role: 'member',
	seenAt: '2026-12-01T10:00:00Z',
	experiences: 0,
	threads: 0,
	replies: 0,
	documents: 0,
	...counts
});

describe('news in a group', () => {
	it('names each kind with news, in the same order, and leaves out the rest', () => {
		expect(newsParts(group({ experiences: 1, replies: 3 }))).toEqual(['1 erfarenhet', '3 svar']);
		expect(newsParts(group({}))).toEqual([]);
	});

	it('says "more than 99" for a count that reached the cap, and counts below it as they are', () => {
		expect(NEWS_COUNT_CAP).toBe(100);
		const parts = newsParts(group({ experiences: 99, threads: 100, documents: 100 }));
		expect(parts).toEqual(['99 erfarenheter', 'fler än 99 trådar', 'fler än 99 ändrade dokument']);
	});
});
