import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import { organizations } from '$lib/server/people';
import * as research from './research.ts';
import { page } from './page.ts';
import * as goals from './goals.ts';
import * as links from './links.ts';
import * as radar from './radar.ts';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	type BuiltUser,
	researchInput,
	buildExperience,
	buildDocument
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let sara: BuiltUser; // researcher
let anna: BuiltUser; // coordinator of the open group, member of the closed one
let olle: BuiltUser; // member of no group
let open: { id: string; slug: string };
let closed: { id: string; slug: string };
const as: Record<string, Db> = {};

beforeAll(async () => {
	sara = await buildUser(db.sql, {
		name: 'Sara',
		role: 'researcher',
		organizationSlug: 'orebro-universitet'
	});
	anna = await buildUser(db.sql, { name: 'Anna' });
	olle = await buildUser(db.sql, { name: 'Olle', organizationSlug: 'filipstad' });
	open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'coordinator']] });
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'coordinator']] });
	for (const u of [sara, anna, olle]) as[u.name] = await forUser(db.rest, u.id);
});

describe('research records', () => {
	it('lets researchers post a record with authors and goals, in one go', async () => {
		const saved = await research.save(
			as.Sara!,
			null,
			researchInput({ goals: [8, 11], targets: ['8.5'] })
		);
		expect(saved.ok).toBe(true);
		const record = await research.get(anonymous(db.rest), (saved as { id: string }).id);
		expect(record?.authorList).toEqual([
			{ name: 'Sara Holm', orcid: '0000-0002-1825-0097' },
			{ name: 'Per Ek', orcid: null }
		]);
		expect(record?.goals).toEqual([8, 11]);
		expect(record?.targets).toEqual(['8.5']);
		expect(record?.sdg.every((s) => s.source === 'manual' && s.status === 'confirmed')).toBe(true);
	});

	it('refuses people who are not researchers, and a second record with the same DOI', async () => {
		expect(await research.save(as.Olle!, null, researchInput())).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const doi = '10.1234/erfa.dup';
		expect((await research.save(as.Sara!, null, researchInput({ doi }))).ok).toBe(true);
		expect(await research.save(as.Sara!, null, researchInput({ doi }))).toEqual({
			ok: false,
			reason: 'duplicate_doi'
		});
	});

	it('keeps members-only records from signed-out visitors and the REST API, and edits to the creator', async () => {
		const saved = await research.save(as.Sara!, null, researchInput({ visibility: 'members' }));
		const id = (saved as { id: string }).id;
		expect(await research.get(anonymous(db.rest), id)).toBeNull();
		expect(await research.get(as.Olle!, id)).not.toBeNull();
		const res = await fetch(`${db.rest.restRoot}/research?id=eq.${id}`, {
			headers: { apikey: db.rest.anonKey, authorization: `Bearer ${db.rest.anonKey}` }
		});
		expect(await res.json()).toEqual([]);
		expect(await research.save(as.Olle!, id, researchInput())).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
	});

	it('finds possible duplicates by DOI and by title regardless of case and punctuation', async () => {
		await research.save(
			as.Sara!,
			null,
			researchInput({ title: 'Unga i Bergslagen: en studie', doi: '10.5555/unga' })
		);
		const found = await research.existing(as.Sara!, [
			{ doi: null, title: 'UNGA I BERGSLAGEN – EN STUDIE' },
			{ doi: '10.5555/unga', title: 'Något helt annat' }
		]);
		expect(found.map((f) => f.title)).toContain('Unga i Bergslagen: en studie');
	});

	it('filters by goal and counts facets within the filters', async () => {
		const f = research.filtersFrom(new URLSearchParams('goal=11'));
		const { items } = await page(as.Olle!, f);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => i.goals.includes(11))).toBe(true);
		// The page's total is the facets' (the list is not counted): the same rows.
		const facets = await research.facets(as.Olle!, f);
		expect(facets.total).toBe(items.length);
		expect(facets.goal['11']).toBe(items.length);
	});

	it('decides who may post from the organizations read already, as canPost does', async () => {
		const oru = await buildUser(db.sql, { name: 'Ulla', organizationSlug: 'orebro-universitet' });
		const people = [];
		for (const u of [sara, anna, olle, oru]) {
			const [row] = await db.sql<{ role: string; organization_id: string | null }[]>`
				select role::text, organization_id from public.profiles where id = ${u.id}`;
			// Sara is a researcher: canPost's first rule; the others are decided by organization.
			people.push({ role: row!.role, organizationId: row!.organization_id });
		}
		const orgs = await organizations.choices(as.Olle!);
		for (const person of people)
			expect(research.canPostAmong(person, orgs)).toBe(await research.canPost(as.Olle!, person));
		expect(people.map((p) => research.canPostAmong(p, orgs))).toEqual([true, false, false, true]);
	});

	it('counts the list page’s facets with the caller’s unread notifications in one call', async () => {
		const f = research.filtersFrom(new URLSearchParams('goal=11'));
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: open.id,
			actorId: anna.id,
			title: 'Tråd',
			link: '/groups/x/discussions/1',
			to: [olle.id]
		});
		const olles = await page(as.Olle!, f);
		expect(olles).toMatchObject({ facets: await research.facets(as.Olle!, f), unread: 1 });
		expect(await unreadCount(as.Olle!)).toBe(1);
		expect((await page(as.Sara!, f)).unread).toBe(0);
		const signedOut = await page(anonymous(db.rest), f);
		expect(signedOut).toMatchObject({
			facets: await research.facets(anonymous(db.rest), f),
			unread: null
		});
	});
});

describe('goal suggestions', () => {
	it('stores machine suggestions that the researcher confirms or rejects', async () => {
		const { id } = (await research.save(as.Sara!, null, researchInput({ goals: [] }))) as {
			id: string;
		};
		const added = await goals.suggest(as.Sara!, id, [
			{ goal: 8, confidence: 0.72, source: 'keywords', reason: 'arbetsmarknad' },
			{ goal: 3, confidence: 0.45, source: 'openalex', reason: 'Good health and well-being' }
		]);
		expect(added).toBe(2);
		let record = await research.get(as.Sara!, id);
		expect(record?.goals).toEqual([]);
		const eight = record!.sdg.find((s) => s.goal === 8)!;
		expect(await goals.decide(as.Olle!, id, eight.id, 'confirmed', olle.id)).toBe(false);
		expect(await goals.decide(as.Sara!, id, eight.id, 'confirmed', sara.id)).toBe(true);
		record = await research.get(as.Sara!, id);
		expect(record?.goals).toEqual([8]);
	});
});

describe('links between research and groups', () => {
	it('goes proposed → confirmed by the other side, and shows on both sides', async () => {
		const { id } = (await research.save(as.Sara!, null, researchInput())) as { id: string };
		const target = { kind: 'group' as const, groupId: open.id };
		const proposed = await links.propose(as.Anna!, anna.id, id, target, 'Relevant för vårt arbete');
		expect(proposed.ok).toBe(true);
		const linkId = (proposed as { id: string }).id;
		expect(await links.propose(as.Anna!, anna.id, id, target, 'igen')).toEqual({
			ok: false,
			reason: 'already_linked'
		});
		expect(await links.decide(as.Anna!, linkId, 'confirmed', anna.id)).toBeNull();
		expect(await links.forResearch(as.Olle!, id)).toEqual([]);
		expect((await links.decide(as.Sara!, linkId, 'confirmed', sara.id))?.status).toBe('confirmed');
		expect((await links.forTarget(as.Olle!, target)).map((l) => l.researchId)).toEqual([id]);
		expect((await research.get(as.Olle!, id))?.linkCount).toBe(1);
	});

	it("never shows a closed group's links to people outside it", async () => {
		const { id } = (await research.save(as.Sara!, null, researchInput())) as { id: string };
		const target = { kind: 'group' as const, groupId: closed.id };
		const proposed = await links.propose(as.Anna!, anna.id, id, target, '');
		await db.sql`update public.research_links set status = 'confirmed' where id = ${(proposed as { id: string }).id}`;
		expect(await links.forResearch(as.Olle!, id)).toEqual([]);
		expect(await links.forResearch(as.Sara!, id)).toEqual([]);
		expect((await links.forResearch(as.Anna!, id)).length).toBe(1);
		expect(await links.propose(as.Olle!, olle.id, id, target, '')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
	});
});

describe('the research radar', () => {
	it('ranks shared targets over shared goals over shared words, and says why', async () => {
		const group = await buildGroup(db.sql, {
			visibility: 'open',
			members: [[anna.id, 'coordinator']]
		});
		await db.sql`update public.groups set sdg_goals = '{8,11}', name = 'Attraktiva orter',
			description = 'Vi arbetar med bostäder, arbetsmarknad och att unga vill stanna i kommunen.'
			where id = ${group.id}`;
		await buildExperience(db.sql, group.id, anna.id, {
			title: 'Sommarjobb',
			sdgGoals: [8],
			sdgTargets: ['8.6']
		});
		const make = async (title: string, abstract: string, g: number[], t: string[] = []) =>
			(
				(await research.save(
					as.Sara!,
					null,
					researchInput({ title, abstract, goals: g, targets: t, doi: null })
				)) as { id: string }
			).id;
		const target = await make('Ungas sysselsättning', 'En studie om sommarjobb.', [8], ['8.6']);
		const goal = await make('Regional tillväxt', 'Om näringsliv.', [11]);
		const words = await make(
			'Bostäder i små kommuner',
			'Bostäder och bostadsbyggande för unga som vill stanna.',
			[3]
		);
		const unrelated = await make('Havsmiljö', 'Fiskbestånd i Östersjön.', [14]);
		const hits = await radar.forSubject(as.Anna!, { group: group.id }, 10);
		const order = hits.map((h) => h.research.id);
		expect(order.indexOf(target)).toBe(0);
		expect(order.indexOf(goal)).toBeGreaterThan(0);
		expect(order).toContain(words);
		expect(order).not.toContain(unrelated);
		expect(hits[0]!.sharedTargets).toEqual(['8.6']);
		// Reasons are words as the record writes them, never stems ("bostäd") or stop words.
		const reasons = hits.find((h) => h.research.id === words)!.matchedWords;
		expect(reasons).toContain('bostäder');
		expect(reasons).toContain('stanna');
		expect(reasons).not.toContain('och');
		for (const word of reasons)
			expect(
				'bostäder i små kommuner bostäder och bostadsbyggande för unga som vill stanna arbetsmarknad kommuner'
			).toContain(word);
	});

	it('never suggests members-only research to signed-out visitors', async () => {
		const { id } = (await research.save(
			as.Sara!,
			null,
			researchInput({ visibility: 'members', goals: [8] })
		)) as { id: string };
		const doc = await buildDocument(db.sql, open.id, {
			kind: 'tool',
			title: 'Verktyg för arbetsmarknad',
			status: 'published',
			isPublic: true,
			sdgGoals: [8]
		});
		// No page shows a radar signed out, but the function is open to anyone over the REST API.
		// Asked directly: forSubject would also ask for a refresh, which is for members only.
		const suggested = async (who: Db) => {
			const { data, error } = await who.rpc('research_radar_records', {
				p_document: doc.id,
				p_limit: 50
			});
			expect(error).toBeNull();
			return (data as { research_id: string }[]).map((h) => h.research_id);
		};
		expect(await suggested(anonymous(db.rest))).not.toContain(id);
		expect(await suggested(as.Olle!)).toContain(id);
	});
});
