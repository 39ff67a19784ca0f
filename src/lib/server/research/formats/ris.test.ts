import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRis, parseRis } from './ris.ts';

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');

function entries(text: string) {
	const result = parseRis(text);
	if (!result.ok) throw new Error(result.error.message);
	return result.entries;
}

describe('parseRis', () => {
	const parsed = entries(sample('valid.ris'));

	it('reads records with CRLF line ends, wrapped abstracts and repeated tags', () => {
		expect(parsed.map((e) => [e.line, e.entry.type])).toEqual([
			[1, 'article'],
			[22, 'report'],
			[34, 'thesis'],
			[43, 'project'],
			[51, 'dataset']
		]);
		expect(parsed[0]?.key).toBe('holm2023');
		expect(parsed[0]?.entry).toMatchObject({
			title: 'Kompetensförsörjning i små kommuner: en studie av Bergslagen',
			authors: [{ name: 'Sara Holm' }, { name: 'Anna Lind' }],
			year: 2023,
			abstract:
				'Studien undersöker hur små kommuner i Bergslagen tryggar sin kompetensförsörjning. Vi intervjuade personalchefer i tolv kommuner.',
			keywords: ['kompetensförsörjning', 'arbetsmarknad', 'små kommuner'],
			language: 'sv',
			doi: '10.5555/nkf.2023.0042',
			institution: 'Örebro universitet'
		});
		expect(parsed.every((e) => e.problems.length === 0)).toBe(true);
	});

	it('takes PB as the institution of reports and theses, L1 as the open-access link', () => {
		expect(parsed[1]?.entry).toMatchObject({
			institution: 'Karlstads universitet',
			keywords: ['bostäder', 'befolkning'],
			openAccessUrl: 'https://kau.diva-portal.org/smash/get/diva2:1650000/FULLTEXT01.pdf'
		});
		expect(parsed[2]?.entry).toMatchObject({ year: 2021, institution: 'Mälardalens universitet' });
		expect(parsed[3]?.entry.authors).toEqual([{ name: 'Maria af Klint', orcid: null }]);
	});

	it('reads a DOI that older EndNote exports put in M3', () => {
		const text = 'TY  - JOUR\nTI  - Titel\nPY  - 2020\nM3  - 10.5555/endnote.1\nER  -\n';
		expect(entries(text)[0]?.entry.doi).toBe('10.5555/endnote.1');
	});

	it('refuses a record without an end line, naming the line it starts on', () => {
		const result = parseRis(sample('broken.ris'));
		expect(result).toMatchObject({ ok: false, error: { code: 'ris_missing_end', line: 1 } });
		const last = parseRis('TY  - JOUR\nTI  - A\nER  - \n\n\nTY  - JOUR\nTI  - B\n');
		expect(last).toMatchObject({ ok: false, error: { code: 'ris_missing_end', line: 6 } });
	});

	it('refuses text outside records', () => {
		const result = parseRis(
			'TY  - JOUR\nTI  - A\nER  - \nskräp mellan poster\nTY  - JOUR\nER  - \n'
		);
		expect(result).toMatchObject({ ok: false, error: { code: 'ris_outside_record', line: 4 } });
		const tagFirst = parseRis('TI  - Titel utan TY\nER  - \n');
		expect(tagFirst).toMatchObject({ ok: false, error: { code: 'ris_outside_record', line: 1 } });
	});
});

describe('formatRis', () => {
	it('writes records that read back the same (RIS has no ORCID iDs and one-line values)', () => {
		const original = entries(sample('valid.ris')).map((e) => e.entry);
		const text = formatRis(original);
		expect(text).toMatch(/^TY {2}- JOUR\r\nID {2}- holm2023kompetensforsorjning\r\n/);
		expect(text).toContain('TY  - GEN\r\n');
		expect(text).toContain('M3  - Research project\r\n');
		expect(entries(text).map((e) => e.entry)).toEqual(original);
	});
});
