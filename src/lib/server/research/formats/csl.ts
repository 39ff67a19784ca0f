// CSL-JSON (Zotero, citation.js, Crossref content negotiation): a list of CSL items.
//
// Mapping: article-journal/paper-conference/chapter/book… → article; report/standard → report;
// thesis → thesis; dataset → dataset; `genre` naming a project → project (exported as type
// `document`, genre "Research project"). Author ORCID iDs travel as `ORCID` on the name (as
// Crossref writes them); the institution and open-access link in CSL 1.0.2's `custom` object.

import { z } from 'zod';
import type { ParseResult, ResearchEntry, ResearchType } from '../entry.ts';
import { failure, parsedEntry } from '../build.ts';
import { linesOf, scanJson } from './json-scan.ts';
import { citationKeys, isCorporate, nameParts } from '../names.ts';
import { joinKeywords, splitKeywords } from '../text.ts';

const optionalText = z.string().optional();
const name = z.looseObject({
	family: optionalText,
	given: optionalText,
	literal: optionalText,
	'dropping-particle': optionalText,
	'non-dropping-particle': optionalText,
	suffix: optionalText,
	ORCID: optionalText
});
const date = z.looseObject({
	'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(),
	raw: optionalText,
	literal: optionalText
});
const item = z.looseObject({
	id: z.union([z.string(), z.number()]).optional(),
	type: optionalText,
	title: optionalText,
	author: z.array(name).optional(),
	issued: date.optional(),
	abstract: optionalText,
	keyword: z.union([z.string(), z.array(z.string())]).optional(),
	language: optionalText,
	DOI: optionalText,
	URL: optionalText,
	publisher: optionalText,
	genre: optionalText,
	custom: z.record(z.string(), z.unknown()).optional()
});
type CslItem = z.infer<typeof item>;

const articleTypes = [
	'article',
	'article-journal',
	'article-magazine',
	'article-newspaper',
	'paper-conference',
	'chapter',
	'book',
	'collection',
	'periodical',
	'review',
	'review-book',
	'entry',
	'entry-dictionary',
	'entry-encyclopedia'
];

function entryType(cslType: string, genre: string): ResearchType {
	if (articleTypes.includes(cslType)) return 'article';
	if (cslType === 'thesis') return 'thesis';
	if (cslType === 'dataset') return 'dataset';
	if (/projekt|project/i.test(genre)) return 'project';
	if (/\bdata/i.test(genre)) return 'dataset';
	return 'report';
}

function personName(person: z.infer<typeof name>): string {
	if (person.literal) return person.literal;
	const parts = [
		person.given,
		person['dropping-particle'],
		person['non-dropping-particle'],
		person.family,
		person.suffix
	];
	return parts.filter(Boolean).join(' ');
}

function year(issued: CslItem['issued']): string | number | null {
	const first = issued?.['date-parts']?.[0]?.[0];
	return first ?? issued?.raw ?? issued?.literal ?? null;
}

function customText(item: CslItem, key: string): string {
	const value = item.custom?.[key];
	return typeof value === 'string' ? value : '';
}

function toParsed(value: CslItem, line: number) {
	const type = entryType(value.type ?? '', value.genre ?? '');
	const keywords = Array.isArray(value.keyword) ? value.keyword : splitKeywords(value.keyword);
	return parsedEntry(line, value.id === undefined ? null : String(value.id), {
		type,
		title: value.title,
		authors: (value.author ?? []).map((a) => ({ name: personName(a), orcid: a.ORCID ?? null })),
		year: year(value.issued),
		abstract: value.abstract,
		keywords,
		language: value.language,
		doi: value.DOI,
		url: value.URL,
		openAccessUrl: customText(value, 'openAccessUrl'),
		institution: customText(value, 'institution') || (type === 'article' ? '' : value.publisher)
	});
}

export function parseCsl(text: string): ParseResult {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		const { errorAt } = scanJson(text);
		return failure('json_syntax', errorAt === null ? null : (linesOf(text, [errorAt])[0] ?? null));
	}
	const single = data !== null && typeof data === 'object' && !Array.isArray(data);
	if (!Array.isArray(data) && !single) return failure('csl_not_list', null);
	const items: unknown[] = Array.isArray(data) ? data : [data];
	const starts = Array.isArray(data) ? scanJson(text).elementStarts : [text.indexOf('{')];
	const lines = linesOf(text, starts);
	const entries = [];
	for (const [i, raw] of items.entries()) {
		const line = lines[i] ?? 1;
		const parsed = item.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const path = issue?.path.join('.') || 'item';
			return failure('csl_bad_item', line, `${path}: ${issue?.message ?? 'invalid'}`);
		}
		entries.push(toParsed(parsed.data, line));
	}
	return { ok: true, entries };
}

const exportTypes: Record<ResearchType, string> = {
	article: 'article-journal',
	report: 'report',
	thesis: 'thesis',
	dataset: 'dataset',
	project: 'document'
};

function toItem(entry: ResearchEntry, id: string): Record<string, unknown> {
	const custom = Object.fromEntries(
		[
			['institution', entry.institution],
			['openAccessUrl', entry.openAccessUrl]
		].filter(([, v]) => v)
	);
	const item: Record<string, unknown> = {
		id,
		type: exportTypes[entry.type],
		genre: entry.type === 'project' ? 'Research project' : undefined,
		title: entry.title,
		author: entry.authors.map((a) => ({
			...(isCorporate(a.name) ? { literal: a.name } : nameParts(a.name)),
			...(a.orcid ? { ORCID: `https://orcid.org/${a.orcid}` } : {})
		})),
		issued: entry.year === null ? undefined : { 'date-parts': [[entry.year]] },
		abstract: entry.abstract || undefined,
		keyword: joinKeywords(entry.keywords) || undefined,
		language: entry.language ?? undefined,
		DOI: entry.doi ?? undefined,
		URL: entry.url ?? undefined,
		publisher: entry.type === 'article' ? undefined : (entry.institution ?? undefined),
		custom: Object.keys(custom).length > 0 ? custom : undefined
	};
	return item;
}

/** A JSON array of CSL items (undefined members are left out by JSON.stringify). */
export function formatCsl(entries: ResearchEntry[]): string {
	const keys = citationKeys(entries);
	return `${JSON.stringify(
		entries.map((entry, i) => toItem(entry, keys[i] ?? String(i + 1))),
		null,
		2
	)}\n`;
}
