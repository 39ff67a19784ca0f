// RIS (EndNote, Zotero, Mendeley, DiVA export): `XX  - value` lines from `TY` to `ER`.
//
// Mapping: JOUR/CONF/BOOK/CHAP… → article; RPRT/GOVDOC/GEN… → report; THES → thesis; DATA/DBASE →
// dataset; GRANT, or GEN with M3 (type of work) naming a project → project. L1 (file link) carries
// the open-access link, PB the institution of reports and theses (AD, author address, otherwise).
// RIS has no ORCID tag, so ORCID iDs are not exported in RIS.

import type { ParseResult, ResearchEntry, ResearchType } from '../entry.ts';
import { failure, parsedEntry } from '../build.ts';
import { normalizeDoi } from '../identifiers.ts';
import { citationKeys, displayName, invertedName } from '../names.ts';
import { cleanLine, splitKeywords } from '../text.ts';

interface RisRecord {
	line: number;
	tags: [string, string][];
}

const tagLine = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;

/** Records with their tags in order, or the first structural error with its line. */
function readRecords(text: string): RisRecord[] | ReturnType<typeof failure> {
	const records: RisRecord[] = [];
	let current: RisRecord | null = null;
	const lines = text.split(/\r\n|\r|\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = (lines[i] ?? '').trimEnd();
		const found = tagLine.exec(line);
		const last = current?.tags.at(-1);
		if (!found) {
			if (!line.trim()) continue;
			// Exporters wrap long abstracts onto lines without a tag.
			if (!last) return failure('ris_outside_record', i + 1);
			last[1] += `\n${line.trim()}`;
			continue;
		}
		const [, tag = '', value = ''] = found;
		if (tag === 'TY') {
			if (current) return failure('ris_missing_end', current.line);
			current = { line: i + 1, tags: [[tag, value.trim()]] };
		} else if (!current) {
			return failure('ris_outside_record', i + 1);
		} else if (tag === 'ER') {
			records.push(current);
			current = null;
		} else current.tags.push([tag, value.trim()]);
	}
	if (current) return failure('ris_missing_end', current.line);
	return records;
}

const articleTypes = [
	'JOUR',
	'EJOUR',
	'JFULL',
	'MGZN',
	'NEWS',
	'BOOK',
	'EBOOK',
	'EDBOOK',
	'CHAP',
	'ECHAP',
	'CONF',
	'CPAPER',
	'INPR',
	'ABST',
	'SER'
];

function entryType(risType: string, workType: string): ResearchType {
	if (articleTypes.includes(risType)) return 'article';
	if (risType === 'THES') return 'thesis';
	if (risType === 'DATA' || risType === 'DBASE' || risType === 'AGGR') return 'dataset';
	if (risType === 'GRANT' || /projekt|project/i.test(workType)) return 'project';
	if (/\bdata/i.test(workType)) return 'dataset';
	return 'report';
}

function toParsed(record: RisRecord) {
	const all = (...tags: string[]) =>
		record.tags.filter(([tag]) => tags.includes(tag)).map(([, value]) => value);
	const first = (...tags: string[]) => tags.map((tag) => all(tag)[0]).find(Boolean) ?? '';
	const workType = first('M3');
	const type = entryType(first('TY').toUpperCase(), workType);
	const institution = type === 'article' ? first('AD') : first('PB', 'AD');
	return parsedEntry(record.line, first('ID'), {
		type,
		title: first('TI', 'T1'),
		authors: all('AU', 'A1').map((name) => ({ name: displayName(name) })),
		year: first('PY', 'Y1', 'DA'),
		abstract: first('AB', 'N2'),
		keywords: all('KW').flatMap((kw) => (kw.includes(';') ? splitKeywords(kw) : [kw])),
		language: first('LA'),
		// Older EndNote exports put the DOI in M3.
		doi: first('DO') || (normalizeDoi(workType) ? workType : ''),
		url: first('UR'),
		openAccessUrl: first('L1'),
		institution
	});
}

export function parseRis(text: string): ParseResult {
	const records = readRecords(text);
	if (!Array.isArray(records)) return records;
	return { ok: true, entries: records.map(toParsed) };
}

const exportTypes: Record<ResearchType, string> = {
	article: 'JOUR',
	report: 'RPRT',
	thesis: 'THES',
	dataset: 'DATA',
	project: 'GEN'
};

function lines(entry: ResearchEntry, key: string): [string, string][] {
	const institutionTag = entry.type === 'article' ? 'AD' : 'PB';
	return [
		['TY', exportTypes[entry.type]],
		['ID', key],
		...entry.authors.map((a): [string, string] => ['AU', invertedName(a.name)]),
		['TI', entry.title],
		['PY', entry.year === null ? '' : String(entry.year)],
		['M3', entry.type === 'project' ? 'Research project' : ''],
		['AB', entry.abstract],
		...entry.keywords.map((k): [string, string] => ['KW', k]),
		['LA', entry.language ?? ''],
		['DO', entry.doi ?? ''],
		['UR', entry.url ?? ''],
		['L1', entry.openAccessUrl ?? ''],
		[institutionTag, entry.institution ?? '']
	];
}

/** One record per entry, CRLF line ends as EndNote expects; RIS values are single lines. */
export function formatRis(entries: ResearchEntry[]): string {
	const keys = citationKeys(entries);
	return entries
		.map((entry, i) =>
			[
				...lines(entry, keys[i] ?? '')
					.map(([tag, value]) => [tag, cleanLine(value)])
					.filter(([, value]) => value)
					.map(([tag, value]) => `${tag}  - ${value}`),
				'ER  - '
			].join('\r\n')
		)
		.join('\r\n\r\n')
		.concat('\r\n');
}
