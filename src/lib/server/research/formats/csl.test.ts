import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsl, parseCsl } from './csl.ts';

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');

function entries(text: string) {
	const result = parseCsl(text);
	if (!result.ok) throw new Error(result.error.message);
	return result.entries;
}

describe('parseCsl', () => {
	const parsed = entries(sample('valid.json'));

	it('reads each item with the line it starts on', () => {
		expect(parsed.map((e) => [e.line, e.key, e.entry.type])).toEqual([
			[2, 'holm2023kompetens', 'article'],
			[20, 'nystrom2022bostad', 'report'],
			[34, 'oberg2021energi', 'thesis'],
			[44, 'afklint2024samverkan', 'project'],
			[52, 'lind2022enkat', 'dataset']
		]);
		expect(parsed.every((e) => e.problems.length === 0)).toBe(true);
	});

	it('maps names with ORCID, dates, keywords, language and custom fields', () => {
		expect(parsed[0]?.entry).toMatchObject({
			authors: [
				{ name: 'Sara Holm', orcid: '0000-0002-1825-0097' },
				{ name: 'Anna Lind', orcid: null },
				{ name: 'Karin Åström', orcid: '0000-0001-5109-3700' }
			],
			year: 2023,
			doi: '10.5555/nkf.2023.0042',
			keywords: ['kompetensförsörjning', 'arbetsmarknad', 'små kommuner'],
			language: 'sv',
			institution: 'Örebro universitet'
		});
		expect(parsed[1]?.entry).toMatchObject({
			year: 2022,
			language: 'sv',
			institution: 'Karlstads universitet',
			openAccessUrl: 'https://kau.diva-portal.org/smash/get/diva2:1650000/FULLTEXT01.pdf'
		});
		expect(parsed[2]?.entry.year).toBe(2021);
		expect(parsed[3]?.entry.authors).toEqual([{ name: 'Maria af Klint', orcid: null }]);
		expect(parsed[4]?.entry.authors[1]).toEqual({ name: 'Region Örebro län', orcid: null });
	});

	it('accepts a single item object', () => {
		const [only] = entries(
			'{"id": 1, "type": "report", "title": "Rapport", "issued": {"date-parts": [[2020]]}}'
		);
		expect(only).toMatchObject({ line: 1, key: '1', entry: { title: 'Rapport', year: 2020 } });
	});

	it('names the line of invalid JSON', () => {
		const result = parseCsl(sample('broken.json'));
		expect(result).toMatchObject({ ok: false, error: { code: 'json_syntax', line: 11 } });
		// V8 gives no position for this one; our scanner finds it.
		expect(parseCsl('[\n  {"title": "A"},\n  {"title": tru}\n]')).toMatchObject({
			ok: false,
			error: { code: 'json_syntax', line: 3 }
		});
	});

	it('names the line and path of an item that is not CSL', () => {
		const result = parseCsl(sample('broken-item.json'));
		expect(result).toMatchObject({
			ok: false,
			error: { code: 'csl_bad_item', line: 8, detail: expect.stringMatching(/^author: /) }
		});
		expect(parseCsl('"text"')).toMatchObject({ ok: false, error: { code: 'csl_not_list' } });
		expect(parseCsl('[1]')).toMatchObject({ ok: false, error: { code: 'csl_bad_item', line: 1 } });
	});
});

describe('formatCsl', () => {
	it('writes items that read back the same', () => {
		const original = parsed();
		const text = formatCsl(original);
		const items = JSON.parse(text) as Record<string, unknown>[];
		expect(items[0]).toMatchObject({
			id: 'holm2023kompetensforsorjning',
			type: 'article-journal',
			author: [
				{ family: 'Holm', given: 'Sara', ORCID: 'https://orcid.org/0000-0002-1825-0097' },
				{},
				{}
			],
			issued: { 'date-parts': [[2023]] }
		});
		expect(items[3]).toMatchObject({ type: 'document', genre: 'Research project' });
		expect(entries(text).map((e) => e.entry)).toEqual(original);
	});

	function parsed() {
		return entries(sample('valid.json')).map((e) => e.entry);
	}
});
