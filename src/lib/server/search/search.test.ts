import { beforeAll, describe, expect, it } from 'vitest';
import * as research from '$lib/server/research';
import * as search from './search.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	researchInput,
	buildEvent,
	buildExperience,
	buildReply,
	buildThread
} from '../testing/world.ts';

// Search as real users through PostgREST: what each person finds, and what they never find.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // coordinator of both groups
let olle: BuiltUser; // member of no group
let sara: BuiltUser; // researcher
let open: { id: string; slug: string };
let closed: { id: string; slug: string };
let anon: Db;
const as: Record<string, Db> = {};

const experience = async (
	groupId: string,
	title: string,
	summary: string,
	extra: { hidden?: boolean; goals?: number[] } = {}
) =>
	(
		await buildExperience(db.sql, groupId, anna.id, {
			title,
			summary,
			hidden: extra.hidden ?? false,
			sdgGoals: extra.goals ?? []
		})
	).id;

const thread = async (groupId: string, title: string, body: string) =>
	(await buildThread(db.sql, groupId, anna.id, { title, body })).id;

const find = async (who: Db, q: string, extra: Record<string, string> = {}) => {
	const parsed = search.queryFrom(new URLSearchParams({ q, ...extra }));
	if (!parsed.query) throw new Error(`bad query ${q}`);
	return (await search.find(who, parsed.query)).results;
};
const titles = async (who: Db, q: string) => (await find(who, q)).hits.map((h) => h.title);

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	sara = await buildUser(db.sql, {
		name: 'Sara Holm',
		role: 'researcher',
		organizationSlug: 'orebro-universitet'
	});
	open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'coordinator']] });
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'coordinator']] });
	anon = anonymous(db.rest);
	for (const u of [anna, olle, sara]) as[u.name] = await forUser(db.rest, u.id);

	await experience(open.id, 'Samverkan i varje kommun', 'Vi delade lärdomar om välkomstsamtal.', {
		goals: [11]
	});
	await experience(open.id, 'Kompetensförsörjning i vården', 'Rekrytering av undersköterskor.', {
		goals: [8]
	});
	await experience(open.id, 'Dold berättelse om fjällräven', 'Fjällräven syntes i Ludvika.', {
		hidden: true
	});
	await experience(
		closed.id,
		'Hemlig plan för gruvdrift',
		'Gruvdrift och malmbrytning i Grängesberg.'
	);
	await thread(closed.id, 'Intern diskussion', 'Vi pratar om malmbrytning <b>internt</b>.');
	const shown = await thread(open.id, 'Öppen fråga om cykelvägar', 'Hur bygger ni cykelvägar?');
	await buildReply(db.sql, shown, anna.id, { body: 'Raderat svar om snöskotrar', deleted: true });
	const doc = await buildDocument(db.sql, closed.id, { title: 'Utkast om vattenkraft' });
	await db.sql`update public.documents set content_text = 'Vattenkraft & <älvar> i Bergslagen'
		where id = ${doc.id}`;
	for (const [title, abstract, visibility] of [
		['Kommunernas arbetsmarknad i Bergslagen', 'Jobb i Bergslagens kommuner.', 'public'],
		['Opublicerad studie om bergsbruk', 'Bergsbruk förr och nu.', 'members']
	] as const) {
		const saved = await research.save(
			as['Sara Holm']!,
			null,
			researchInput({ title, abstract, visibility, keywords: [], goals: [8] })
		);
		expect(saved.ok).toBe(true);
	}
});

describe('language', () => {
	it('finds inflected Swedish words by their stem: "kommunerna" finds "kommun"', async () => {
		expect(await titles(as['Olle Ek']!, 'kommunerna')).toContain('Samverkan i varje kommun');
	});

	it('matches a complete word exactly; as a prefix only among similar hits', async () => {
		const found = await find(anon, 'arbetsmark');
		expect(found.hits).toEqual([]);
		expect(found.similar.map((h) => h.title)).toEqual(['Kommunernas arbetsmarknad i Bergslagen']);
		expect(found.similar[0]!.snippetHtml).not.toContain('<mark>');
	});

	it('suggests and searches the right spelling of a misspelt word', async () => {
		const hints = await search.hints(as['Olle Ek']!, 'kompetensförsörjnig vårdn');
		expect(hints.correction).toBe('kompetensförsörjning vården');
		// Typed without å, ä and ö: nothing exact, the spelling is suggested, the hit is similar.
		const found = await find(as['Olle Ek']!, 'kompetensforsorjning');
		expect(found.hits).toEqual([]);
		expect(found.hints?.correction).toBe('kompetensförsörjning');
		expect(found.similar.map((h) => h.title)).toEqual(['Kompetensförsörjning i vården']);
	});

	it('names goals whose names match a query that finds nothing', async () => {
		const hints = await search.hints(anon, 'klimatförändringarna');
		expect(hints.goals).toContain(13);
	});
});

describe('access', () => {
	it("never shows a closed group's content, or its words, to people outside it", async () => {
		for (const who of [as['Olle Ek']!, anon]) {
			const found = await find(who, 'malmbrytning');
			expect(found.hits).toEqual([]);
			expect(found.facets.total).toBe(0);
			expect(found.hints?.correction ?? null).toBeNull();
			expect(found.similar).toEqual([]);
			expect((await search.hints(who, 'gruvdrfit')).correction).toBeNull();
			expect((await search.suggest(who, 'vattenkr')).hits).toEqual([]);
		}
		const member = await find(as['Anna Lind']!, 'malmbrytning');
		expect(member.hits.map((h) => h.type).sort()).toEqual(['experience', 'thread']);
		expect((await search.hints(as['Anna Lind']!, 'gruvdrfit')).correction).toBe('gruvdrift');
	});

	it('escapes stored text in snippets and marks the matches', async () => {
		const found = await find(as['Anna Lind']!, 'vattenkraft');
		expect(found.hits[0]?.title).toBe('Utkast om vattenkraft');
		expect(found.hits[0]?.snippetHtml).toBe(
			'<mark>Vattenkraft</mark> &amp; &lt;älvar&gt; i Bergslagen'
		);
		// Tags in stored text are dropped from snippets, never passed on as markup.
		const post = await find(as['Anna Lind']!, 'malmbrytning', { type: 'thread' });
		expect(post.hits[0]?.snippetHtml).toContain('<mark>malmbrytning</mark>');
		expect(post.hits[0]?.snippetHtml).not.toMatch(/<b>|&lt;b/);
	});

	it('keeps members-only research from signed-out visitors', async () => {
		expect(await titles(anon, 'bergsbruk')).not.toContain('Opublicerad studie om bergsbruk');
		const typed = await search.suggest(anon, 'bergsbr');
		expect(typed.hits.map((h) => h.title)).not.toContain('Opublicerad studie om bergsbruk');
		expect(await titles(as['Olle Ek']!, 'bergsbruk')).toEqual(['Opublicerad studie om bergsbruk']);
	});

	it('finds neither hidden nor deleted posts', async () => {
		expect(await titles(as['Olle Ek']!, 'fjällräven')).toEqual([]);
		expect(await titles(as['Anna Lind']!, 'fjällräven')).toEqual([]);
		expect(await titles(as['Anna Lind']!, 'snöskotrar')).toEqual([]);
	});

	it('finds events as their pages show them', async () => {
		const now = new Date();
		await buildEvent(db.sql, {
			title: 'Konferens om hållbarhet',
			description: 'Årets konferens.',
			startsAt: now,
			endsAt: now
		});
		await buildEvent(db.sql, {
			title: 'Medlemsmöte om hållbarhet',
			startsAt: now,
			endsAt: now,
			visibility: 'members'
		});
		await buildEvent(db.sql, {
			title: 'Gruppmöte om hållbarhet',
			startsAt: now,
			endsAt: now,
			groupId: closed.id
		});
		expect(await titles(anon, 'hållbarhet')).toEqual(['Konferens om hållbarhet']);
		expect((await titles(as['Olle Ek']!, 'hållbarhet')).sort()).toEqual([
			'Konferens om hållbarhet',
			'Medlemsmöte om hållbarhet'
		]);
		expect(await titles(as['Anna Lind']!, 'hållbarhet')).toHaveLength(3);
	});

	it('finds people only for signed-in members, by name or organization', async () => {
		expect(await titles(anon, 'Olle')).toEqual([]);
		const found = await find(as['Anna Lind']!, 'Olle');
		expect(found.hits).toMatchObject([
			{ type: 'person', title: 'Olle Ek', href: '/organizations/filipstad#people-heading' }
		]);
		const byOrganization = await find(as['Anna Lind']!, 'filipstads', { type: 'person' });
		expect(byOrganization.hits.map((h) => h.title)).toEqual(['Olle Ek']);
	});
});

describe('results', () => {
	it('links each hit to its page', async () => {
		const found = await find(as['Anna Lind']!, 'cykelvägar');
		expect(found.hits).toMatchObject([
			{ type: 'thread', title: 'Öppen fråga om cykelvägar', context: `Grupp ${open.slug}` }
		]);
		expect(found.hits[0]!.href).toMatch(
			new RegExp(`^/groups/${open.slug}/discussions/[0-9a-f-]{36}$`)
		);
	});

	it('counts facets, each within the other filters', async () => {
		const all = await find(as['Anna Lind']!, 'bergslagen');
		// A complete word is not a prefix: "bergslagen" leaves "Bergslagsdiakonin" alone.
		expect(all.facets.type).toEqual({ research: 1, document: 1 });
		const filtered = await find(as['Anna Lind']!, 'bergslagen', { type: 'document' });
		expect(filtered.hits.map((h) => h.type)).toEqual(['document']);
		expect(filtered.facets.total).toBe(1);
		expect(filtered.facets.type).toEqual({ research: 1, document: 1 });
		const byGoal = await find(as['Anna Lind']!, 'kommun', { goal: '11' });
		expect(byGoal.hits.map((h) => h.title)).toEqual(['Samverkan i varje kommun']);
		expect(byGoal.facets.goal).toMatchObject({ '8': 1, '11': 1 });
	});

	it('sorts by relevance or by date', async () => {
		await experience(open.id, 'Äldre solceller', 'Solceller på skolan.');
		await db.sql`update public.experiences set published_at = '2020-01-01' where title = 'Äldre solceller'`;
		await experience(open.id, 'Nya laddstolpar', 'Solceller och solceller och solceller.');
		const byDate = await find(as['Anna Lind']!, 'solceller', { sort: 'date' });
		expect(byDate.hits.map((h) => h.title)).toEqual(['Nya laddstolpar', 'Äldre solceller']);
		const best = await find(as['Anna Lind']!, 'solceller');
		expect(best.hits[0]!.title).toBe('Äldre solceller');
	});

	it('suggests hits while typing', async () => {
		const typed = await search.suggest(anon, 'kommunernas arbetsm');
		expect(typed.hits).toMatchObject([
			{ type: 'research', title: 'Kommunernas arbetsmarknad i Bergslagen' }
		]);
		expect(typed.hits[0]!.href).toMatch(/^\/research\/[0-9a-f-]{36}$/);
		const misspelt = await search.suggest(as['Olle Ek']!, 'kompetensforsorjning');
		expect(misspelt.corrected).toBe('kompetensförsörjning');
		expect(misspelt.hits.map((h) => h.title)).toEqual(['Kompetensförsörjning i vården']);
	});
});

describe('highlight', () => {
	it('escapes HTML and balances the marks', () => {
		expect(search.highlight('a <b> & \u{E000}c\u{E001} "d"')).toBe(
			'a &lt;b&gt; &amp; <mark>c</mark> &quot;d&quot;'
		);
		expect(search.highlight('\u{E001}x\u{E000}y')).toBe('x<mark>y</mark>');
		expect(search.highlight(null)).toBe('');
	});
});

describe('queryFrom', () => {
	it('needs 1–200 characters and ignores malformed filters', () => {
		expect(search.queryFrom(new URLSearchParams({ q: '  ' })).error).toBe('empty');
		expect(search.queryFrom(new URLSearchParams({ q: 'x'.repeat(201) })).error).toBe('too_long');
		const { query } = search.queryFrom(
			new URLSearchParams({ q: ' kommun ', type: 'nope', goal: '18', sort: 'date', page: '2' })
		);
		expect(query).toMatchObject({ q: 'kommun', type: undefined, goal: undefined, sort: 'date' });
		expect(query?.page).toBe(2);
	});
});
