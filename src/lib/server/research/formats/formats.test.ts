import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	contentType,
	detectFormat,
	extension,
	formatEntry,
	formatList,
	formats,
	importLimits,
	parseFile
} from './formats.ts';

const bytes = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name));

function entries(input: string | Uint8Array, filename?: string) {
	const result = parseFile(input, filename);
	if (!result.ok) throw new Error(result.error.message);
	return result.entries;
}

describe('detectFormat', () => {
	it('recognises each format by content, whatever the file is called', () => {
		expect(detectFormat(bytes('valid.bib').toString(), 'export.txt')).toBe('bibtex');
		expect(detectFormat(bytes('valid.ris').toString(), 'export.bib')).toBe('ris');
		expect(detectFormat(bytes('valid.json').toString())).toBe('csl-json');
		expect(detectFormat('\uFEFF\n\nTY  - JOUR\nER  - ')).toBe('ris');
		expect(detectFormat('% kommentar\n\n@Article {x,}')).toBe('bibtex');
	});

	it('falls back on the extension when the content says nothing', () => {
		expect(detectFormat('% bara en kommentar', 'lista.bib')).toBe('bibtex');
		expect(detectFormat('hej', 'lista.RIS')).toBe('ris');
		expect(detectFormat('hej', 'lista.docx')).toBeNull();
		expect(detectFormat('hej')).toBeNull();
	});
});

describe('parseFile', () => {
	it('parses the same five works from all three samples', () => {
		const bib = entries(bytes('valid.bib'), 'valid.bib');
		const ris = entries(bytes('valid.ris'), 'valid.ris');
		const csl = entries(bytes('valid.json'), 'valid.json');
		for (const list of [bib, ris, csl]) {
			expect(list.map((e) => [e.entry.type, e.entry.year, e.entry.doi])).toEqual([
				['article', 2023, '10.5555/nkf.2023.0042'],
				['report', 2022, null],
				['thesis', 2021, '10.5555/mdu.diss.2021.318'],
				['project', 2024, null],
				['dataset', 2022, '10.5555/snd.2022.0117']
			]);
		}
		expect(parseFile(bytes('valid.json'))).toMatchObject({ ok: true, format: 'csl-json' });
	});

	it('passes on the format’s own error', () => {
		expect(parseFile(bytes('broken-unclosed.bib'))).toMatchObject({
			ok: false,
			error: { code: 'bibtex_unclosed_entry', line: 6 }
		});
	});

	it('reads Windows-1252 files (older EndNote) as well as UTF-8 with a BOM', () => {
		const text = 'TY  - RPRT\r\nTI  - Välfärd i Västerås\r\nPY  - 2019\r\nER  - \r\n';
		const latin = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
		expect(entries(latin)[0]?.entry.title).toBe('Välfärd i Västerås');
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
		expect(entries(bom)[0]?.entry.title).toBe('Välfärd i Västerås');
	});

	it('refuses binary, empty, unknown, too large and too long files with a code', () => {
		const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]);
		expect(parseFile(pdf)).toMatchObject({ ok: false, error: { code: 'not_text' } });
		expect(parseFile('  \n')).toMatchObject({ ok: false, error: { code: 'empty' } });
		expect(parseFile('% inget här', 'a.bib')).toMatchObject({
			ok: false,
			error: { code: 'empty' }
		});
		expect(parseFile('Hej!', 'a.txt')).toMatchObject({
			ok: false,
			error: { code: 'unknown_format' }
		});
		const large = `% ${'x'.repeat(importLimits.maxBytes)}\n@misc{a, title={A}}`;
		expect(parseFile(large)).toMatchObject({ ok: false, error: { code: 'too_large', line: null } });
		const many = Array.from(
			{ length: 501 },
			(_, i) => `@misc{k${i}, title={Titel ${i}}, year=2020}`
		);
		expect(parseFile(many.join('\n'))).toMatchObject({
			ok: false,
			error: { code: 'too_many_entries', detail: '500' }
		});
		expect(entries(many.slice(0, 500).join('\n'))).toHaveLength(500);
	});
});

describe('formatList', () => {
	const list = entries(bytes('valid.bib')).map((e) => e.entry);

	it('converts between every pair of formats without losing what both carry', () => {
		for (const format of formats) {
			const back = entries(formatList(list, format)).map((e) => e.entry);
			const keep =
				format === 'ris'
					? list.map((e) => ({ ...e, authors: e.authors.map((a) => ({ ...a, orcid: null })) }))
					: list;
			expect(back, format).toEqual(keep);
		}
	});

	it('writes one entry the same way as a list of one', () => {
		expect(formatEntry(list[0]!, 'bibtex')).toBe(formatList([list[0]!], 'bibtex'));
		expect(formatList([], 'csl-json')).toBe('[]\n');
	});

	it('has a media type and extension per format', () => {
		expect(formats.map((f) => [extension[f], contentType[f].split(';')[0]])).toEqual([
			['bib', 'application/x-bibtex'],
			['ris', 'application/x-research-info-systems'],
			['json', 'application/vnd.citationstyles.csl+json']
		]);
	});
});
