import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedEntry } from './entry.ts';
import { parsedEntry } from './build.ts';
import { markDuplicates, titleKey, type ExistingRecord } from './duplicates.ts';
import { parseFile } from './formats/formats.ts';

function entry(line: number, title: string, year: number | null, doi: string | null = null) {
	return parsedEntry(line, null, { type: 'article', title, year, doi });
}

const stored: ExistingRecord[] = [
	{
		id: 'r1',
		title: 'Kompetensförsörjning i små kommuner',
		year: 2023,
		doi: '10.5555/nkf.2023.0042'
	},
	{ id: 'r2', title: 'Bostadsbyggande i Värmland', year: 2022, doi: null }
];

const duplicateProblems = (list: ParsedEntry[]) =>
	list.map((e) => e.problems.filter((p) => p.kind.startsWith('duplicate')));

describe('titleKey', () => {
	it('ignores case, diacritics and punctuation but not the year', () => {
		expect(titleKey('Bostadsbyggande i Värmland!', 2022)).toBe(
			titleKey('BOSTADSBYGGANDE I VARMLAND', 2022)
		);
		expect(titleKey('Bostadsbyggande: i Värmland', 2022)).not.toBe(
			titleKey('Bostadsbyggande i Värmland', 2021)
		);
	});
});

describe('markDuplicates', () => {
	it('finds a stored record by DOI even when the title differs', () => {
		const [marked] = markDuplicates(
			[entry(1, 'Helt annan titel', 2019, '10.5555/nkf.2023.0042')],
			stored
		);
		expect(marked?.problems).toEqual([
			{
				kind: 'duplicate',
				of: { id: 'r1', title: 'Kompetensförsörjning i små kommuner' },
				by: 'doi'
			}
		]);
	});

	it('finds a stored record by title and year, not by title alone', () => {
		const marked = markDuplicates(
			[entry(1, 'bostadsbyggande i VARMLAND.', 2022), entry(5, 'Bostadsbyggande i Värmland', 2021)],
			stored
		);
		expect(duplicateProblems(marked)).toEqual([
			[
				{
					kind: 'duplicate',
					of: { id: 'r2', title: 'Bostadsbyggande i Värmland' },
					by: 'title_year'
				}
			],
			[]
		]);
	});

	it('finds later entries that repeat an earlier one in the same file', () => {
		const marked = markDuplicates(
			[
				entry(1, 'Trygghet i Avesta', 2020, '10.5555/a'),
				entry(7, 'Annan titel', 2021, '10.5555/A'),
				entry(12, 'Trygghet i Avesta!', 2020)
			],
			[]
		);
		expect(duplicateProblems(marked)).toEqual([
			[],
			[{ kind: 'duplicate_in_file', of: { line: 1, title: 'Trygghet i Avesta' }, by: 'doi' }],
			[{ kind: 'duplicate_in_file', of: { line: 1, title: 'Trygghet i Avesta' }, by: 'title_year' }]
		]);
	});

	it('does not match entries without a title or DOI, and keeps other problems', () => {
		const empty = entry(3, '', 2020);
		const marked = markDuplicates(
			[empty, entry(4, '', 2020)],
			[{ id: 'x', title: '', year: 2020, doi: null }]
		);
		expect(marked[1]?.problems).toEqual([{ kind: 'missing_title' }]);
		expect(marked[0]).toBe(empty);
	});

	it('marks the duplicate in problems.bib', () => {
		const parsed = parseFile(
			readFileSync(join(import.meta.dirname, 'formats', 'samples', 'problems.bib'))
		);
		if (!parsed.ok) throw new Error(parsed.error.message);
		const marked = markDuplicates(parsed.entries, []);
		expect(marked[3]?.problems).toEqual([
			{
				kind: 'duplicate_in_file',
				of: { line: 8, title: 'Digital delaktighet bland äldre i Ludvika kommun' },
				by: 'title_year'
			}
		]);
	});
});
