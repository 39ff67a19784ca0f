import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as radar from './radar.ts';
import {
	useTestDatabase,
	buildDocument,
	buildExperience,
	buildGroup,
	buildUser,
	type BuiltUser,
	researchInput
} from '../testing/world.ts';

// The radar on an experience's and a document's page is stored as a group's is
// (supabase/migrations/20261212100000_radar_subjects.sql): computed by the refresh the page asks
// for, served to signed-in callers who may read the subject, each record read as the caller.

const db = useTestDatabase({ rest: true });
let sara: BuiltUser; // researcher
let anna: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of nothing
let gone: BuiltUser; // deactivated: reads public documents and public research only
const as: Record<string, Db> = {};
const ids: Record<string, string> = {};
let closedExperience: string;
let openExperience: string;
let publicDocument: string;
let draftDocument: string;

type Kind = 'experience' | 'document';
const key = (kind: Kind) => (kind === 'experience' ? 'p_experience' : 'p_document');
const refresh = (who: Db, kind: Kind, id: string) =>
	who.rpc('refresh_research_radar', { [key(kind)]: id });
const stored = async (id: string) =>
	(await db.sql`select count(*)::int as n from erfa_private.radar where subject_id = ${id}`)[0]!
		.n as number;
/** The suggestions as public.research_radar_records gives them to a page. */
async function suggested(who: Db, kind: Kind, id: string): Promise<string[]> {
	const args = { p_group: null, p_experience: null, p_document: null, p_limit: 50 };
	const { data, error } = await who.rpc('research_radar_records', { ...args, [key(kind)]: id });
	if (error) throw new Error(error.message);
	return (data as { research_id: string }[]).map((r) => r.research_id);
}

const save = async (title: string, abstract: string, visibility: 'public' | 'members' = 'public') =>
	(
		(await research.save(
			as.Sara!,
			null,
			researchInput({ title, abstract, goals: [8], targets: [], doi: null, visibility })
		)) as { id: string }
	).id;

beforeAll(async () => {
	sara = await buildUser(db.sql, { name: 'Sara', role: 'researcher' });
	anna = await buildUser(db.sql, { name: 'Anna' });
	olle = await buildUser(db.sql, { name: 'Olle' });
	gone = await buildUser(db.sql, { name: 'Gone', deactivated: true });
	for (const u of [sara, anna, olle, gone]) as[u.name] = await forUser(db.rest, u.id);
	const closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'member']] });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const text = { title: 'Sommarjobb för unga', summary: 'Sommarjobb i kommunen.', sdgGoals: [8] };
	closedExperience = (await buildExperience(db.sql, closed.id, anna.id, text)).id;
	openExperience = (await buildExperience(db.sql, open.id, anna.id, text)).id;
	publicDocument = (
		await buildDocument(db.sql, open.id, { ...text, status: 'published', isPublic: true })
	).id;
	draftDocument = (await buildDocument(db.sql, closed.id, { ...text, status: 'draft' })).id;
	await db.sql`update public.documents set summary = ${text.summary}
		where id in ${db.sql([publicDocument, draftDocument])}`;
	ids.public = await save('Ungas sommarjobb', 'En studie om sommarjobb för unga.');
	ids.members = await save('Sommarjobb i kommunerna', 'Sommarjobb och unga.', 'members');
});

describe.each<[Kind, () => string]>([
	['experience', () => openExperience],
	['document', () => publicDocument]
])('the stored radar of an %s', (kind, subject) => {
	it('answers as the live computation, and is stored by the refresh the page asks for', async () => {
		const id = subject();
		const live = await suggested(as.Anna!, kind, id);
		expect(live).toEqual(expect.arrayContaining([ids.public, ids.members]));
		expect(await stored(id)).toBe(0);
		const hits = await radar.forSubject(as.Anna!, { [kind]: id } as radar.RadarSubject, 50);
		expect(hits.map((h) => h.research.id)).toEqual(live);
		await expect.poll(() => stored(id)).toBe(1);
		expect(await suggested(as.Anna!, kind, id)).toEqual(live);
	});

	it('leaves out research linked to it at once, and shows research added since', async () => {
		const id = subject();
		await refresh(as.Anna!, kind, id);
		const added = await save('Feriearbete för unga', 'Sommarjobb för unga i kommunen.');
		expect(await suggested(as.Anna!, kind, id)).toContain(added);
		const group = (
			await db.sql`select group_id from public.${db.sql(kind === 'experience' ? 'experiences' : 'documents')}
				where id = ${id}`
		)[0]!.group_id as string;
		await db.sql`insert into public.research_links (research_id, group_id, ${db.sql(`${kind}_id`)},
			status, proposed_by) values (${added}, ${group}, ${id}, 'confirmed', ${sara.id})`;
		expect(await suggested(as.Anna!, kind, id)).not.toContain(added);
	});

	it('shows a change to its text and goals after the refresh, one visit behind', async () => {
		const id = subject();
		await refresh(as.Anna!, kind, id);
		const forest = await save('Skogsbruk i Bergslagen', 'Skogsbruk och skogsbruk.');
		await db.sql`update public.${db.sql(kind === 'experience' ? 'experiences' : 'documents')}
			set title = 'Skogsbruk skogsbruk', summary = 'Skogsbruk i skogarna.', sdg_goals = '{15}'
			where id = ${id}`;
		// Until the refresh the stored question is the one before the change.
		expect(await suggested(as.Anna!, kind, id)).toContain(ids.public);
		const [mark] = await db.sql`select stale from erfa_private.radar where subject_id = ${id}`;
		expect(mark!.stale).toBe(true);
		await refresh(as.Anna!, kind, id);
		const after = await suggested(as.Anna!, kind, id);
		expect(after).toContain(forest);
		expect(after).not.toContain(ids.public);
	});
});

describe('what makes a stored radar stale', () => {
	it('is not a document’s text written back unchanged', async () => {
		await refresh(as.Anna!, 'document', publicDocument);
		await db.sql`update erfa_private.radar set stale = false where subject_id = ${publicDocument}`;
		await db.sql`update public.documents set content_text = content_text, summary = summary
			where id = ${publicDocument}`;
		const [mark] =
			await db.sql`select stale from erfa_private.radar where subject_id = ${publicDocument}`;
		expect(mark!.stale).toBe(false);
	});
});

describe('how long a stored radar is kept', () => {
	it('goes after 30 days without a visit, and the next visit is answered live', async () => {
		await refresh(as.Anna!, 'experience', openExperience);
		const before = await suggested(as.Anna!, 'experience', openExperience);
		await db.sql`update erfa_private.radar set computed_at = now() - interval '31 days'
			where subject_id = ${openExperience}`;
		// Any subject's recomputation clears them.
		await db.sql`update erfa_private.radar set stale = true where subject_id = ${publicDocument}`;
		await refresh(as.Anna!, 'document', publicDocument);
		expect(await stored(openExperience)).toBe(0);
		expect(await suggested(as.Anna!, 'experience', openExperience)).toEqual(before);
	});
});

describe('who the stored radar of an experience or a document reaches', () => {
	it('gives nothing for an experience of a closed group to an outsider, stored or not', async () => {
		await refresh(as.Olle!, 'experience', closedExperience);
		expect(await stored(closedExperience)).toBe(0);
		await refresh(as.Anna!, 'experience', closedExperience);
		expect(await stored(closedExperience)).toBe(1);
		expect(await suggested(as.Anna!, 'experience', closedExperience)).toContain(ids.members);
		for (const outsider of [as.Olle!, as.Gone!, anonymous(db.rest)])
			expect(await suggested(outsider, 'experience', closedExperience)).toEqual([]);
	});

	it('gives nothing for a draft document of a closed group to an outsider', async () => {
		await refresh(as.Olle!, 'document', draftDocument);
		expect(await stored(draftDocument)).toBe(0);
		await refresh(as.Anna!, 'document', draftDocument);
		expect(await suggested(as.Anna!, 'document', draftDocument)).toContain(ids.public);
		for (const outsider of [as.Olle!, as.Gone!, anonymous(db.rest)])
			expect(await suggested(outsider, 'document', draftDocument)).toEqual([]);
	});

	it('never shows members-only research to those who may not read it', async () => {
		const document = (
			await buildDocument(db.sql, (await buildGroup(db.sql, { visibility: 'open' })).id, {
				title: 'Sommarjobb för unga',
				status: 'published',
				isPublic: true,
				sdgGoals: [8]
			})
		).id;
		await refresh(as.Anna!, 'document', document);
		expect(await stored(document)).toBe(1);
		expect(await suggested(as.Anna!, 'document', document)).toContain(ids.members);
		// A deactivated person is signed in and served from store; signed out is served live.
		for (const reader of [as.Gone!, anonymous(db.rest)]) {
			const theirs = await suggested(reader, 'document', document);
			expect(theirs).toContain(ids.public);
			expect(theirs).not.toContain(ids.members);
		}
	});
});
