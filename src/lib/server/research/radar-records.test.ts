import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as radar from './radar.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	researchInput,
	buildExperience
} from '../testing/world.ts';

// The radar with its records in one call (public.research_radar_records): the suggestions of
// public.research_radar in their order, with the records as the caller may read them.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of the closed group
let olle: BuiltUser; // outsider
const as: Record<string, Db> = {};
let closed: { id: string };
let doc: { id: string };
const ids: Record<string, string> = {};

const save = async (
	title: string,
	abstract: string,
	goals: number[],
	visibility: 'public' | 'members' = 'public'
) =>
	(
		(await research.save(
			as.Sara!,
			null,
			researchInput({ title, abstract, goals, targets: [], doi: null, visibility })
		)) as { id: string }
	).id;

type Args = {
	p_group: string | null;
	p_experience: null;
	p_document: string | null;
	p_limit: number;
};
const args = (group: string | null, document: string | null): Args => ({
	p_group: group,
	p_experience: null,
	p_document: document,
	p_limit: 20
});

/** What the page read before: the suggestions, then the records they name. */
async function twoCalls(who: Db, a: Args) {
	const { data: hits } = await who.rpc('research_radar', a);
	const list = hits as { research_id: string }[];
	const { data: records } = await who
		.from('research')
		.select('id, title')
		.in(
			'id',
			list.map((h) => h.research_id)
		);
	const readable = new Set((records as { id: string }[]).map((r) => r.id));
	return list.filter((h) => readable.has(h.research_id)).map((h) => h.research_id);
}

async function oneCall(who: Db, a: Args) {
	const { data, error } = await who.rpc('research_radar_records', a);
	if (error) throw new Error(error.message);
	return data as { research_id: string; title: string; institution: string | null }[];
}

beforeAll(async () => {
	const sara = await buildUser(db.sql, { name: 'Sara', role: 'researcher' });
	anna = await buildUser(db.sql, { name: 'Anna' });
	olle = await buildUser(db.sql, { name: 'Olle' });
	for (const u of [sara, anna, olle]) as[u.name] = await forUser(db.rest, u.id);
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'member']] });
	await db.sql`update public.groups set sdg_goals = '{8}', name = 'Unga i arbete',
		description = 'Sommarjobb för unga.' where id = ${closed.id}`;
	await buildExperience(db.sql, closed.id, anna.id, { title: 'Sommarjobb', sdgTargets: ['8.6'] });
	doc = await buildDocument(db.sql, closed.id, {
		title: 'Sommarjobb för unga',
		status: 'published',
		isPublic: true,
		sdgGoals: [8]
	});
	ids.public = await save('Ungas sysselsättning', 'En studie om sommarjobb för unga.', [8]);
	ids.members = await save('Sommarjobb i kommunerna', 'Sommarjobb och unga.', [8], 'members');
	ids.other = await save('Regional tillväxt', 'Om näringsliv.', [8]);
});

describe('public.research_radar_records', () => {
	it('gives the radar’s suggestions in its order, with the records the caller may read', async () => {
		for (const [who, a] of [
			[as.Anna!, args(closed.id, null)],
			[as.Anna!, args(null, doc.id)],
			[as.Olle!, args(null, doc.id)],
			[anonymous(db.rest), args(null, doc.id)]
		] as const) {
			const rows = await oneCall(who, a);
			expect(rows.map((r) => r.research_id)).toEqual(await twoCalls(who, a));
		}
		const forAnna = await oneCall(as.Anna!, args(closed.id, null));
		expect(forAnna.map((r) => r.research_id)).toEqual(
			expect.arrayContaining([ids.public, ids.members])
		);
		expect(forAnna.find((r) => r.research_id === ids.public)?.title).toBe('Ungas sysselsättning');
		const signedOut = await oneCall(anonymous(db.rest), args(null, doc.id));
		expect(signedOut.map((r) => r.research_id)).not.toContain(ids.members);
	});

	it('gives an outsider of a closed group only what the radar gave them before', async () => {
		await as.Anna!.rpc('refresh_research_radar', { p_group: closed.id });
		// The stored suggestions (from the group's experiences) are the members'; outsiders get
		// the live answer, and signed-out visitors no members-only research.
		for (const who of [as.Olle!, anonymous(db.rest)]) {
			const rows = await oneCall(who, args(closed.id, null));
			expect(rows.map((r) => r.research_id)).toEqual(await twoCalls(who, args(closed.id, null)));
		}
		const signedOut = await oneCall(anonymous(db.rest), args(closed.id, null));
		expect(signedOut.map((r) => r.research_id)).not.toContain(ids.members);
	});

	it('is what radar.forSubject shows, with the matched words as the record writes them', async () => {
		// Asked for already this minute (the test above refreshed it): no refresh outlives the file.
		expect(radar.refreshDue(closed.id)).toBe(true);
		expect(radar.refreshDue(closed.id)).toBe(false);
		const hits = await radar.forSubject(as.Anna!, { group: closed.id }, 20);
		const rows = await oneCall(as.Anna!, args(closed.id, null));
		expect(hits.map((h) => h.research.id)).toEqual(rows.map((r) => r.research_id));
		const hit = hits.find((h) => h.research.id === ids.public)!;
		expect(hit.research).toMatchObject({ title: 'Ungas sysselsättning', institution: null });
		expect(hit.matchedWords.every((w) => /sommarjobb|unga/i.test(w))).toBe(true);
	});
});
