import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBibtex, parseBibtex } from './bibtex.ts';

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');

function entries(text: string) {
	const result = parseBibtex(text);
	if (!result.ok) throw new Error(result.error.message);
	return result.entries;
}

function error(text: string) {
	const result = parseBibtex(text);
	if (result.ok) throw new Error('expected a parse error');
	return result.error;
}

describe('parseBibtex on valid.bib', () => {
	const [article, report, thesis, project, dataset] = entries(sample('valid.bib'));

	it('reads an article with @string, accents, ORCID iDs by name and a wrapped abstract', () => {
		expect(article?.line).toBe(5);
		expect(article?.key).toBe('holm2023kompetens');
		expect(article?.problems).toEqual([]);
		expect(article?.entry).toEqual({
			title: 'Kompetensförsörjning i små kommuner: en studie av Bergslagen',
			authors: [
				{ name: 'Sara Holm', orcid: '0000-0002-1825-0097' },
				{ name: 'Anna Lind', orcid: null },
				{ name: 'Karin Åström', orcid: '0000-0001-5109-3700' }
			],
			year: 2023,
			type: 'article',
			abstract:
				'Studien undersöker hur små kommuner i Bergslagen tryggar sin kompetensförsörjning. Vi intervjuade personalchefer i tolv kommuner och analyserade rekryteringsdata 2015–2022.',
			keywords: ['kompetensförsörjning', 'arbetsmarknad', 'små kommuner'],
			language: 'sv',
			doi: '10.5555/nkf.2023.0042',
			url: 'https://www.oru.se/forskning/kompetensforsorjning',
			openAccessUrl: null,
			institution: 'Örebro universitet'
		});
	});

	it('maps the other types and their fields', () => {
		expect(report?.entry).toMatchObject({
			type: 'report',
			institution: 'Karlstads universitet',
			keywords: ['bostäder', 'befolkning', 'Värmland'],
			language: 'sv',
			openAccessUrl: 'https://kau.diva-portal.org/smash/get/diva2:1650000/FULLTEXT01.pdf'
		});
		expect(thesis?.entry).toMatchObject({
			type: 'thesis',
			authors: [{ name: 'Mikael Öberg', orcid: null }],
			institution: 'Mälardalens universitet',
			doi: '10.5555/mdu.diss.2021.318'
		});
		expect(project?.entry).toMatchObject({
			type: 'project',
			authors: [{ name: 'Maria af Klint' }, { name: 'Sara Holm' }]
		});
		expect(dataset?.entry).toMatchObject({
			type: 'dataset',
			authors: [{ name: 'Anna Lind' }, { name: 'Region Örebro län' }],
			institution: 'Örebro universitet'
		});
	});
});

describe('parseBibtex problems', () => {
	it('reports missing titles, bad DOIs, URLs, ORCID iDs and years per entry', () => {
		const [noTitle, badIds, noYear] = entries(sample('problems.bib'));
		expect(noTitle?.problems).toEqual([{ kind: 'missing_title' }]);
		expect(badIds?.problems).toEqual(
			expect.arrayContaining([
				{ kind: 'bad_doi', value: 'doi:11.1234/inte-en-doi' },
				{ kind: 'bad_url', value: 'ftp://example.org/fil.pdf' },
				{ kind: 'bad_orcid', value: '0000-0002-1825-0098', author: 'Erik Berg' }
			])
		);
		expect(badIds?.entry).toMatchObject({ doi: null, url: null, authors: [{ orcid: null }, {}] });
		expect(noYear?.problems).toEqual([{ kind: 'bad_year', value: 'okänt' }]);
		expect(entries('@misc{x, title = {Utan år}}')[0]?.problems).toEqual([{ kind: 'missing_year' }]);
	});

	it('cuts values to the database limits and says so', () => {
		const keywords = Array.from({ length: 35 }, (_, i) => `ord${i}`).join(', ');
		const [entry] = entries(
			`@misc{x, title = {${'T'.repeat(600)}}, year = 2020, keywords = {${keywords}}}`
		);
		expect(entry?.entry.title).toHaveLength(500);
		expect(entry?.entry.keywords).toHaveLength(30);
		expect(entry?.problems).toEqual([
			{ kind: 'too_long', field: 'title', max: 500 },
			{ kind: 'too_long', field: 'keywords', max: 30 }
		]);
	});
});

describe('parseBibtex errors name the line', () => {
	it('an entry that is never closed', () => {
		expect(error(sample('broken-unclosed.bib'))).toMatchObject({
			code: 'bibtex_unclosed_entry',
			line: 6
		});
		expect(error('@article{a,\n title = {A},\n year = 2020\n')).toMatchObject({ line: 1 });
	});

	it('a missing comma, on the line where it belongs', () => {
		const e = error(sample('broken-missing-comma.bib'));
		expect(e).toMatchObject({ code: 'bibtex_syntax', line: 3, detail: "',' or '}'" });
		expect(e.message).toBe("Line 3: Syntax error: expected ',' or '}'.");
	});

	it('a value that runs into the next entry', () => {
		const text =
			'@article{a,\n  title = {Bostäder och arbete,\n  year = 2021\n\n@article{b, title = {B}}\n';
		expect(error(text)).toMatchObject({ code: 'bibtex_unclosed_value', line: 2 });
	});

	it('a missing key, a missing "="', () => {
		expect(error('\n@article{title = {A}}')).toMatchObject({ code: 'bibtex_missing_key', line: 2 });
		expect(error('@article{a,\n\n title {A}}')).toMatchObject({ code: 'bibtex_syntax', line: 3 });
	});

	it('ignores comments, @comment, @preamble and e-mail addresses between entries', () => {
		const text =
			'Kontakt: sara.holm@oru.se\n@comment{ {nested} }\n@preamble{"\\newcommand"}\n@misc{a, title = "Titel med {klamrar}", year = jan # " 2020"}';
		expect(entries(text).map((e) => [e.key, e.entry.title, e.entry.year])).toEqual([
			['a', 'Titel med klamrar', 2020]
		]);
	});
});

describe('an abbreviation that no @string defines', () => {
	it('keeps the entry, leaves the field empty and warns with the line', () => {
		const [entry] = entries(
			'@article{a,\n  title = {Bostäder},\n  year = 2021,\n  note = nkf # { 3}\n}'
		);
		expect(entry?.entry.title).toBe('Bostäder');
		expect(entry?.problems).toEqual([
			{ kind: 'undefined_macro', name: 'nkf', field: 'note', line: 4 }
		]);
	});

	it("imports JabRef's example file, with a warning on the entry that uses one", () => {
		const parsed = entries(sample('jabref-importer-examples.bib'));
		expect(parsed.map((p) => [p.line, p.key, p.entry.title, p.entry.year])).toEqual([
			[
				1,
				'Preissel2016',
				'Git: dezentrale Versionsverwaltung im Team : Grundlagen und Workflows',
				2016
			],
			[
				31,
				'aksin',
				'Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions',
				2006
			]
		]);
		const [book, article] = parsed;
		expect(book?.problems).toEqual([]);
		expect(book?.entry.authors).toEqual([{ name: 'René Preißel', orcid: null }]);
		expect(article?.entry.authors.map((a) => a.name)).toContain('Özge Aksın');
		expect(article?.problems).toEqual([
			{ kind: 'undefined_macro', name: 'jomch', field: 'journal', line: 38 }
		]);
	});
});

describe('formatBibtex', () => {
	it('writes entries that read back the same', () => {
		const original = entries(sample('valid.bib')).map((e) => e.entry);
		const text = formatBibtex(original);
		expect(text).toContain('@techreport{nystrom2022bostadsbyggande,');
		expect(text).toContain('author = {Lind, Anna and {Region Örebro län}}');
		expect(entries(text).map((e) => e.entry)).toEqual(original);
	});

	it('escapes LaTeX specials and keeps paragraphs', () => {
		const [entry] = entries('@misc{a, title = {50\\% \\& mer}, year = 2020}');
		const abstract = 'Första stycket.\n\nAndra stycket med {klammer}.';
		const text = formatBibtex([{ ...entry!.entry, abstract }]);
		expect(text).toContain('title = {50\\% \\& mer}');
		expect(entries(text)[0]?.entry.abstract).toBe(abstract);
	});
});
