import { beforeAll, describe, expect, it } from 'vitest';
import * as research from '$lib/server/research';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildUser, researchInput } from '../testing/world.ts';
import { evaluate, judgements, papers, precisionAt5 } from './relevance.ts';
import * as search from './search.ts';

// What a search finds first, and what it marks, over a set of Swedish and English papers with
// look-alikes (relevance.ts).

const db = useTestDatabase({ rest: true });
let anon: Db;

const find = async (q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q }));
	if (!parsed.query) throw new Error(`bad query ${q}`);
	return (await search.find(anon, parsed.query)).results;
};

beforeAll(async () => {
	const sara = await buildUser(db.sql, { name: 'Sara Holm', role: 'researcher' });
	const as = await forUser(db.rest, sara.id);
	anon = anonymous(db.rest);
	for (const [i, p] of papers.entries()) {
		const input = { ...p, keywords: [], goals: [8], year: i === 0 ? null : 2021 };
		const saved = await research.save(as, null, researchInput(input));
		expect(saved.ok).toBe(true);
	}
});

describe('relevance set', () => {
	// 13 queries, each with one or two relevant papers among 16. A precise search returns only
	// those (1.0 each); one look-alike beside one relevant paper halves that query's score and
	// brings the mean to 0.96. So 0.95 allows one such stray in the whole set. The loose
	// matching this replaced ("Anna" → annonsera and announcement, "validering" ↔ "validity"
	// through English stems of Swedish words) scored 0.87 on this set.
	it('has a precision at 5 of at least 0.95, and each query finds its paper first', async () => {
		const result = await evaluate(async (q) => (await find(q)).hits.map((h) => h.title));
		for (const e of result.each) {
			const { relevant } = judgements.find((j) => j.q === e.q)!;
			expect(relevant, `first result for "${e.q}"`).toContain(e.top[0]);
		}
		expect(result.mean).toBeGreaterThanOrEqual(0.95);
	});

	it('computes precision at 5 over the first five results', () => {
		expect(precisionAt5(['a', 'b'], ['a'])).toBe(0.5);
		expect(precisionAt5(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'f'])).toBe(0.2);
		expect(precisionAt5([], ['a'])).toBe(0);
	});
});

describe('precision', () => {
	it('marks only whole-word matches: "Anna" is not "annonsera" or "announcement"', async () => {
		const found = await find('Anna');
		expect(found.hits.map((h) => h.title)).toEqual(['Anna i Avesta: en fallstudie av inflyttning']);
		const marked = [...found.hits[0]!.snippetHtml.matchAll(/<mark>(.*?)<\/mark>/g)].map(
			(m) => m[1]
		);
		expect(marked).toEqual(['Anna']);
	});

	it('does not stem a Swedish word into English: "validering" does not find "validity"', async () => {
		const found = await find('validering');
		expect(found.hits.map((h) => h.title)).toEqual([
			'Validering av reell kompetens i vuxenutbildningen'
		]);
		expect(found.similar.map((h) => h.title)).not.toContain(papers[0]!.title);
	});

	it('stems English words: "recruitment" finds both papers and suggests no other spelling', async () => {
		const found = await find('recruitment');
		expect(found.hits.map((h) => h.title).sort()).toEqual([papers[3]!.title, papers[5]!.title]);
		expect(found.hints?.correction ?? null).toBeNull();
		const typo = await find('recruitmant');
		expect(typo.hints?.correction).toBe('recruitment');
	});

	it('suggests a spelling only when it is close: "recrutment" is not "rent"', async () => {
		expect((await search.hints(anon, 'recrutment')).correction).toBe('recruitment');
		expect((await search.hints(anon, 'rentz')).correction).not.toBe('recruitment');
		expect((await search.hints(anon, 'welcomx')).correction).not.toBe('welfare');
	});

	it('keeps similar hits apart and unmarked when the exact search finds little', async () => {
		const found = await find('welcome');
		expect(found.hits.map((h) => h.title)).toEqual([papers[7]!.title]);
		expect(found.similar.map((h) => h.title)).not.toContain(papers[9]!.title);
		const loose = await find('klimatanp');
		expect(loose.hits).toEqual([]);
		expect(loose.similar.map((h) => h.title)).toEqual([papers[13]!.title]);
		expect(loose.similar[0]!.snippetHtml).not.toContain('<mark>');
	});

	it('completes the last word as a prefix only while typing (the type-ahead)', async () => {
		const typed = await search.suggest(anon, 'klimatanp');
		expect(typed.hits.map((h) => h.title)).toEqual([papers[13]!.title]);
		expect((await find('klimatanp')).hits).toEqual([]);
	});
});

describe('snippets', () => {
	it('are plain text, cut between words, with an ellipsis where the text goes on', async () => {
		const found = await find('validity');
		const hit = found.hits[0]!;
		expect(hit.snippetHtml).toBe(
			'We test the <mark>validity</mark> of slope monitoring models in open-pit mines.'
		);
		expect(hit.snippetHtml).not.toContain('**');
		const long = await find('arbetsmarknaden');
		expect(long.hits[0]!.snippetHtml).toMatch(/^<mark>Arbetsmarknaden<\/mark> i små kommuner/);
		expect(
			await db.sql`select erfa.search_snippet(${'ord '.repeat(80) + 'pendling sist'},
			erfa.search_query('pendling'), true) as s`
		).toEqual([{ s: expect.stringMatching(/^… (ord )*\u{E000}pendling\u{E001} sist$/u) }]);
	});

	it('shows research by its year of publication, never a date made from it', async () => {
		const [withYear] = (await find('välkomstsamtal')).hits;
		expect(withYear).toMatchObject({ type: 'research', date: null, year: 2021 });
		const [without] = (await find('validity')).hits;
		expect(without).toMatchObject({ date: null, year: null });
	});
});

describe('plain text', () => {
	it('drops Markdown and tags, and joins lines into sentences', async () => {
		const markdown =
			'# Program\n- **Förmiddag:** Hur går det?\n- Se [sidan](https://x.se) och _detta_\n\n<b>Lunch</b> ingår';
		expect(await db.sql`select erfa.search_plain(${markdown}) as s`).toEqual([
			{ s: 'Program. Förmiddag: Hur går det? Se sidan och detta. Lunch ingår' }
		]);
	});

	it('leaves no space before punctuation where emphasis closed, or after a bracket it opened', async () => {
		const markdown =
			'Med **platsvarumärke**, inflyttning och _livsmiljö_. Se (*bilaga*) och **mer** här';
		expect(await db.sql`select erfa.search_plain(${markdown}) as s`).toEqual([
			{ s: 'Med platsvarumärke, inflyttning och livsmiljö. Se (bilaga) och mer här' }
		]);
	});
});
