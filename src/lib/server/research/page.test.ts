import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';
import * as research from './research.ts';
import { page } from './page.ts';
import { useTestDatabase, buildUser, researchInput, type BuiltUser } from '../testing/world.ts';

// The research list page reads its records, facets, organizations and the header's unread count
// in one call (public.research_page). It must show what the separate requests showed: the same
// records in the same order under the caller's read rules, for every filter and both orders.

const db = useTestDatabase({ rest: true });
let sara: BuiltUser; // researcher at Örebro universitet
let olle: BuiltUser; // member, no group
const as: Record<string, Db> = {};

/** The page as it was read before: the list through PostgREST, the facets, the organizations. */
async function separately(who: Db, f: research.Filters) {
	let query = who
		.from('research')
		.select(
			'id, title, year, type, language, goals, targets, visibility, link_count, created_at, ' +
				'institution:organizations(id, slug, name), authors:research_authors(name, position)'
		);
	const { goal, target, institution, year, type, language } = f;
	if (goal) query = query.contains('goals', [goal]);
	if (target) query = query.contains('targets', [target]);
	if (institution) query = query.eq('institution_id', institution);
	if (year) query = query.eq('year', year);
	if (type) query = query.eq('type', type);
	if (language) query = query.eq('language', language);
	if (f.sort === 'linked') query = query.order('link_count', { ascending: false });
	const from = (f.page - 1) * research.PAGE_SIZE;
	const { data, error } = await query
		.order('created_at', { ascending: false })
		.order('id')
		.range(from, from + research.PAGE_SIZE - 1);
	if (error) throw new Error(error.message);
	const { sort: _s, page: _p, ...filters } = f;
	const counted = await who.rpc('research_page_facets', { f: filters });
	return {
		items: (data as unknown as Record<string, unknown>[]).map(research.toSummary),
		...(counted.data as { facets: research.Facets; unread: number | null }),
		organizations: await organizations.choices(who)
	};
}

beforeAll(async () => {
	sara = await buildUser(db.sql, { role: 'researcher', organizationSlug: 'orebro-universitet' });
	olle = await buildUser(db.sql, { organizationSlug: 'filipstad' });
	as.sara = await forUser(db.rest, sara.id);
	as.olle = await forUser(db.rest, olle.id);
	const [oru] = await db.sql`select id from public.organizations where slug = 'orebro-universitet'`;
	// 27 records: more than a page; years, types, languages, goals, an institution and members-only
	// ones vary, and some are linked more than others.
	for (let i = 0; i < 27; i++) {
		const saved = await research.save(
			as.sara,
			null,
			researchInput({
				year: 2018 + (i % 4),
				type: i % 3 ? 'article' : 'report',
				language: i % 5 ? 'sv' : 'en',
				goals: i % 2 ? [8] : [8, 11],
				targets: i % 4 ? [] : ['8.5'],
				institutionId: i % 3 ? (oru!.id as string) : null,
				visibility: i % 7 ? 'public' : 'members'
			})
		);
		if (!saved.ok) throw new Error('seeding research');
		await db.sql`update public.research set link_count = ${i % 6} where id = ${saved.id}`;
	}
	await emit(db.sql, {
		kind: 'thread_created',
		groupId: null,
		actorId: sara.id,
		title: 'Tråd',
		link: '/research',
		to: [olle.id]
	});
});

const queries = [
	'',
	'page=2',
	'sort=linked',
	'sort=linked&page=2',
	'goal=11',
	'goal=8&type=article&sort=linked',
	'target=8.5',
	'year=2019&language=sv',
	'type=report&year=2020'
];

describe('the research list in one call', () => {
	for (const who of ['olle', 'sara', 'signed out'])
		it(`shows ${who} what the separate requests showed, for every filter and order`, async () => {
			const db_ = as[who] ?? anonymous(db.rest);
			for (const q of queries) {
				const f = research.filtersFrom(new URLSearchParams(q));
				const one = await page(db_, f);
				const reference = await separately(db_, f);
				expect(reference.items.length, q).toBeGreaterThan(0);
				expect(one.items, q).toEqual(reference.items);
				expect(one.facets, q).toEqual(reference.facets);
				expect(one.unread, q).toBe(reference.unread);
				expect(organizations.choicesFrom(one.organizations), q).toEqual(reference.organizations);
			}
		});

	it('gives a member the members-only records and a visitor none, with the unread count', async () => {
		const all = research.filtersFrom(new URLSearchParams(''));
		const member = await page(as.olle!, all);
		const visitor = await page(anonymous(db.rest), all);
		expect(member.facets.total).toBe(27);
		expect(visitor.facets.total).toBe(23);
		expect(member.items).toHaveLength(research.PAGE_SIZE);
		expect(visitor.items.every((r) => r.visibility === 'public')).toBe(true);
		expect(member.unread).toBe(1);
		expect(visitor.unread).toBeNull();
	});
});
