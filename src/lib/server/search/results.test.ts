import { beforeAll, describe, expect, it } from 'vitest';
import * as search from './search.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	rpcAs,
	buildExperience,
	buildGroup,
	buildResearch,
	buildTheme,
	buildThread,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

// public.search_results (20261214001000): the search page's one call. It must answer what
// search_page_unread and search_facets answered side by side, for every caller: the facets it
// counts from the page's own hits (every hit on the page, no filter) as well as those it asks
// search_facets for (a filter, a later page, or more hits than fit).

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of both groups, coordinator of the closed one
let olle: BuiltUser; // member of no group, another organization
const as: Record<'anna' | 'olle' | 'anon', Db> = {} as never;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Gruvdal', organizationSlug: 'filipstad' });
	const mining = await buildTheme(db.sql, { name: 'Gruvor och malm' });
	const housing = await buildTheme(db.sql, { name: 'Boende' });
	const open = await buildGroup(db.sql, {
		visibility: 'open',
		themeId: mining.id,
		sdgGoals: [8, 9],
		members: [[anna.id, 'member']]
	});
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		themeId: housing.id,
		members: [[anna.id, 'coordinator']]
	});
	await buildExperience(db.sql, open.id, anna.id, {
		title: 'Gruvdrift i det öppna',
		summary: 'Om gruvdriften i Bergslagen.',
		sdgGoals: [8]
	});
	await buildExperience(db.sql, closed.id, anna.id, {
		title: 'Hemlig plan för gruvdrift',
		summary: 'Gruvdrift och malmbrytning i Grängesberg.',
		sdgGoals: [11, 8]
	});
	await buildThread(db.sql, open.id, anna.id, { title: 'Gruvdrift och vatten' });
	// Without a year of publication (counted by the year it was added) and with one, at a
	// university.
	await buildResearch(db.sql, { title: 'Gruvdrift och arbetsmarknad', sdg: [{ goal: 8 }] });
	const { id } = await buildResearch(db.sql, { title: 'Malmbrytning förr', sdg: [{ goal: 9 }] });
	await db.sql`update public.research set year = 2019,
		institution_id = (select id from public.organizations where slug = 'filipstad')
		where id = ${id}`;
	as.anna = await forUser(db.rest, anna.id);
	as.olle = await forUser(db.rest, olle.id);
	as.anon = anonymous(db.rest);
});

const args = (q: string, more: Record<string, unknown> = {}) => ({
	q,
	filters: {},
	sort: 'relevance',
	lim: search.PAGE_SIZE,
	off: 0,
	...more
});

const variants: Record<string, unknown>[] = [
	{},
	{ sort: 'date' },
	{ lim: 2 },
	{ off: 20 },
	{ filters: { type: 'experience' } },
	{ filters: { goal: 8 } },
	{ filters: { year: 2019 } }
];

describe('search_results', () => {
	it('answers as search_page_unread and search_facets did, for every caller', async () => {
		for (const q of ['gruvdrift', 'gruvdrfit', 'malmbrytning', 'lind', 'gruvdal', 'zzqxj']) {
			for (const who of ['anna', 'olle', 'anon'] as const) {
				for (const more of variants) {
					const a = args(q, more);
					const { facets, ...page } = await rpcAs<Record<string, unknown>>(
						as[who],
						'search_results',
						a
					);
					const label = `${who}: ${q} ${JSON.stringify(more)}`;
					expect(page, label).toEqual(await rpcAs(as[who], 'search_page_unread', a));
					const filters = a.filters;
					expect(facets, label).toEqual(await rpcAs(as[who], 'search_facets', { q, filters }));
				}
			}
		}
	});

	it('counts from the hits what the caller may read, by every facet', async () => {
		const facetsOf = async (who: Db) =>
			(await search.find(who, search.queryFrom(new URLSearchParams({ q: 'gruvdrift' })).query!))
				.results.facets;
		const added = new Date().getFullYear().toString();
		const anna = await facetsOf(as.anna);
		expect(anna.total).toBe(4);
		expect(anna.type).toEqual({ experience: 2, thread: 1, research: 1 });
		expect(anna.goal).toEqual({ '8': 4, '9': 1, '11': 1 });
		expect(anna.year[added]).toBe(4);
		expect(anna.theme.map((t) => [t.name, t.count])).toEqual([
			['Gruvor och malm', 2],
			['Boende', 1]
		]);
		const olle = await facetsOf(as.olle);
		// An open group is read by everyone signed in; the closed group's experience is not.
		expect(olle.total).toBe(3);
		expect(olle.type).toEqual({ experience: 1, thread: 1, research: 1 });
		expect(olle.theme.map((t) => t.name)).toEqual(['Gruvor och malm']);
	});
});
