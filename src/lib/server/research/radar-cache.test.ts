import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as radar from './radar.ts';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	type BuiltUser,
	researchInput,
	buildExperience
} from '../testing/world.ts';

// A group's radar is precomputed (supabase/migrations/20261207400100_radar_cache.sql) and served
// only to those who may read the group: the stored suggestions never carry what the caller may
// not see, and they answer as the live computation does.

const db = useTestDatabase({ rest: true });
let sara: BuiltUser; // researcher
let anna: BuiltUser; // member of both groups
let olle: BuiltUser; // member of neither
let open: { id: string };
let closed: { id: string };
const as: Record<string, Db> = {};
const ids: Record<string, string> = {};

const save = async (title: string, abstract: string, goals: number[], targets: string[] = []) =>
	(
		(await research.save(
			as.Sara!,
			null,
			researchInput({ title, abstract, goals, targets, doi: null })
		)) as { id: string }
	).id;

const refresh = (who: Db, group: string) => who.rpc('refresh_research_radar', { p_group: group });
const stored = async (group: string) =>
	(await db.sql`select count(*)::int as n from erfa_private.radar where subject_id = ${group}`)[0]!
		.n as number;
/** The suggestions as public.research_radar gives them (radar.forSubject also asks for a refresh). */
async function suggested(who: Db, group: string): Promise<string[]> {
	const args = { p_group: group, p_experience: null, p_document: null, p_limit: 50 };
	const { data, error } = await who.rpc('research_radar', args);
	if (error) throw new Error(error.message);
	return (data as { research_id: string }[]).map((r) => r.research_id);
}

beforeAll(async () => {
	sara = await buildUser(db.sql, { name: 'Sara', role: 'researcher' });
	anna = await buildUser(db.sql, { name: 'Anna' });
	olle = await buildUser(db.sql, { name: 'Olle' });
	for (const u of [sara, anna, olle]) as[u.name] = await forUser(db.rest, u.id);
	open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'member']] });
	await db.sql`update public.groups set sdg_goals = '{8}', name = 'Unga i arbete',
		description = 'Sommarjobb för unga.' where id in ${db.sql([open.id, closed.id])}`;
	await buildExperience(db.sql, open.id, anna.id, { title: 'Sommarjobb', sdgTargets: ['8.6'] });
	// Hidden (and not Anna's, who would see her own): its target and words must not reach the
	// stored suggestions.
	await buildExperience(db.sql, open.id, null, {
		title: 'Lavinskydd lavinskydd',
		summary: 'Lavinskydd i fjällen, lavinskydd.',
		sdgTargets: ['13.1'],
		hidden: true
	});
	await buildExperience(db.sql, closed.id, anna.id, {
		title: 'Gruvdrift gruvdrift',
		summary: 'Gruvdrift och malmbrytning.'
	});
	ids.target = await save('Ungas sysselsättning', 'En studie om sommarjobb.', [8], ['8.6']);
	ids.hidden = await save('Lavinskydd', 'Lavinskydd i fjällen.', [13], ['13.1']);
	ids.closed = await save('Gruvdrift i Bergslagen', 'Malmbrytning och gruvdrift.', [12]);
});

describe('the stored radar of a group', () => {
	it('answers as the live computation, from the published experiences that are not hidden', async () => {
		const live = await suggested(as.Anna!, open.id);
		expect(await stored(open.id)).toBe(0);
		await refresh(as.Anna!, open.id);
		expect(await stored(open.id)).toBe(1);
		const cached = await suggested(as.Anna!, open.id);
		expect(cached).toEqual(live);
		expect(cached[0]).toBe(ids.target);
		expect(cached).not.toContain(ids.hidden);
	});

	it('is neither computed for nor shown to people who may not read the group', async () => {
		const before = await suggested(as.Olle!, closed.id);
		await refresh(as.Olle!, closed.id);
		expect(await stored(closed.id)).toBe(0);
		await refresh(as.Anna!, closed.id);
		expect(await stored(closed.id)).toBe(1);
		expect(await suggested(as.Anna!, closed.id)).toContain(ids.closed);
		// Olle still gets the live answer, which knows nothing of the closed group's experiences.
		expect(await suggested(as.Olle!, closed.id)).toEqual(before);
		expect(before).not.toContain(ids.closed);
		const { error } = await refresh(anonymous(db.rest), open.id);
		expect(error).not.toBeNull();
	});

	it('is refreshed after the page has its answer', async () => {
		const group = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
		await buildExperience(db.sql, group.id, anna.id, { title: 'Sommarjobb', sdgTargets: ['8.6'] });
		const hits = await radar.forSubject(as.Anna!, { group: group.id }, 5);
		expect(hits.map((h) => h.research.id)).toContain(ids.target);
		await expect.poll(() => stored(group.id)).toBe(1);
	});

	it('leaves out research linked to the group at once, and recomputes after a change', async () => {
		await refresh(as.Anna!, open.id);
		await db.sql`insert into public.research_links (research_id, group_id, status, proposed_by)
			values (${ids.target!}, ${open.id}, 'confirmed', ${sara.id})`;
		expect(await suggested(as.Anna!, open.id)).not.toContain(ids.target);
		const [mark] = await db.sql`select stale from erfa_private.radar where subject_id = ${open.id}`;
		expect(mark!.stale).toBe(true);
		await refresh(as.Anna!, open.id);
		const [again] =
			await db.sql`select stale from erfa_private.radar where subject_id = ${open.id}`;
		expect(again!.stale).toBe(false);
		expect(await suggested(as.Anna!, open.id)).not.toContain(ids.target);
	});

	it('shows research added after the suggestions were stored at once', async () => {
		await refresh(as.Anna!, open.id);
		const added = await save(
			'Feriearbete och framtid',
			'Sommarjobb för unga i kommuner.',
			[8],
			['8.6']
		);
		expect(await suggested(as.Anna!, open.id)).toContain(added);
		// A change to research makes the next refresh recompute.
		const computedAt = async () =>
			(await db.sql`select computed_at from erfa_private.radar where subject_id = ${open.id}`)[0]!
				.computed_at as Date;
		const before = await computedAt();
		await refresh(as.Anna!, open.id);
		expect((await computedAt()).getTime()).toBeGreaterThan(before.getTime());
		expect(await suggested(as.Anna!, open.id)).toContain(added);
	});

	it('is served from store while a change to the group waits for the refresh, never to outsiders', async () => {
		await refresh(as.Anna!, closed.id);
		const forest = await save('Skogsbruk i Bergslagen', 'Skogsbruk och skogsbruk.', [15]);
		await buildExperience(db.sql, closed.id, anna.id, {
			title: 'Skogsbruk skogsbruk skogsbruk',
			summary: 'Skogsbruk i kommunens skogar, skogsbruk.'
		});
		// One visit behind the group's change: the stored question knows no forestry yet.
		const served = await suggested(as.Anna!, closed.id);
		expect(served).toContain(ids.closed);
		expect(served).not.toContain(forest);
		await refresh(as.Anna!, closed.id);
		expect(await suggested(as.Anna!, closed.id)).toContain(forest);
		for (const outsider of [as.Olle!, anonymous(db.rest)]) {
			const theirs = await suggested(outsider, closed.id);
			expect(theirs).not.toContain(ids.closed);
			expect(theirs).not.toContain(forest);
		}
	});
});
