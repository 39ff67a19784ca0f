// BibTeX (and the biblatex fields people use with it) to and from research entries.
//
// Mapping: @article/@inproceedings/@book/@incollection… → article; @techreport/@report/@misc/
// @online/@unpublished → report; @phdthesis/@mastersthesis/@thesis → thesis; @dataset → dataset;
// @misc with `type = {…project…}` → project, with `type = {…data…}` → dataset. ORCID iDs travel in
// Web of Science's `orcid-numbers = {Family, Given/0000-…; …}`; the open-access link in `oaurl`.

import type { ParseResult, ResearchEntry, ResearchType } from '../entry.ts';
import { parsedEntry, type RawAuthor } from '../build.ts';
import { readBibtex, type BibRecord } from './bibtex-syntax.ts';
import { decodeLatex, encodeLatex } from './latex.ts';
import {
	citationKeys,
	displayName,
	foldText,
	invertedName,
	isCorporate,
	nameParts
} from '../names.ts';
import { babelLanguage, joinKeywords, splitKeywords } from '../text.ts';

const articleTypes = [
	'article',
	'inproceedings',
	'conference',
	'incollection',
	'inbook',
	'book',
	'mvbook',
	'booklet',
	'proceedings',
	'collection',
	'periodical'
];
const thesisTypes = ['phdthesis', 'mastersthesis', 'thesis'];

function entryType(record: BibRecord): ResearchType {
	const subtype = field(record, 'type');
	if (articleTypes.includes(record.type)) return 'article';
	if (thesisTypes.includes(record.type)) return 'thesis';
	if (record.type === 'dataset' || record.type === 'data') return 'dataset';
	if (/projekt|project/i.test(subtype)) return 'project';
	if (/\bdata/i.test(subtype)) return 'dataset';
	return 'report';
}

function field(record: BibRecord, ...names: string[]): string {
	for (const name of names) {
		const value = record.fields.get(name)?.value;
		if (value !== undefined && value.trim()) return decodeLatex(value);
	}
	return '';
}

// URLs and DOIs are verbatim in BibTeX, so no LaTeX decoding beyond the usual escapes.
function verbatim(record: BibRecord, ...names: string[]): string {
	for (const name of names) {
		const value = record.fields.get(name)?.value;
		if (value === undefined || !value.trim()) continue;
		return value
			.replace(/\\url\s*\{([^{}]*)\}/g, '$1')
			.replace(/\\([_%&#~])/g, '$1')
			.replace(/[{}]/g, '')
			.trim();
	}
	return '';
}

/** Splits on " and " outside braces: `{Region Örebro län} and Lind, Anna`. */
function splitAuthors(value: string): string[] {
	const names: string[] = [];
	const separator = /\s+and\s+/iy;
	let depth = 0;
	let start = 0;
	for (let i = 0; i < value.length; i++) {
		const c = value[i];
		if (c === '{') depth += 1;
		else if (c === '}') depth -= 1;
		else if (depth === 0 && /\s/.test(c ?? '')) {
			separator.lastIndex = i;
			const found = separator.exec(value);
			if (found) {
				names.push(value.slice(start, i));
				start = i + found[0].length;
				i = start - 1;
			}
		}
	}
	names.push(value.slice(start));
	return names.map((name) => displayName(decodeLatex(name))).filter((n) => n && n !== 'others');
}

/** ORCID iDs by name (`Lind, Anna/0000-…`) or, without names, by position. */
function withOrcids(names: string[], value: string): RawAuthor[] {
	const authors: RawAuthor[] = names.map((name) => ({ name, orcid: null }));
	const parts = value.split(/\s*;\s*|\s+and\s+/).filter((p) => p.trim());
	parts.forEach((part, index) => {
		const slash = part.lastIndexOf('/');
		const id = part.slice(slash + 1).trim();
		const who = slash > 0 ? nameParts(displayName(part.slice(0, slash))).family : '';
		const target = who
			? authors.find((a) =>
					foldText(a.name)
						.split(' ')
						.includes(foldText(who).split(' ')[0] ?? '')
				)
			: authors[index];
		if (target && !target.orcid) target.orcid = id;
	});
	return authors;
}

function toParsed(record: BibRecord) {
	const names = splitAuthors(record.fields.get('author')?.value ?? '');
	const orcids = field(record, 'orcid-numbers', 'orcid');
	const authors = orcids ? withOrcids(names, orcids) : names.map((name) => ({ name }));
	const type = entryType(record);
	// A report's or dataset's publisher is usually the institution; an article's is a press.
	const publisher = type === 'article' ? '' : field(record, 'publisher');
	const parsed = parsedEntry(record.line, record.key, {
		type,
		title: field(record, 'title'),
		authors,
		year: field(record, 'year') || field(record, 'date'),
		abstract: field(record, 'abstract'),
		keywords: splitKeywords(field(record, 'keywords', 'keyword')),
		language: field(record, 'langid', 'language'),
		doi: verbatim(record, 'doi'),
		url: verbatim(record, 'url'),
		openAccessUrl: verbatim(record, 'oaurl'),
		institution: field(record, 'institution', 'school', 'organization') || publisher
	});
	for (const macro of record.undefinedMacros)
		parsed.problems.push({ kind: 'undefined_macro', ...macro });
	return parsed;
}

// biblatex's @set groups other entries and @xdata holds fields for them to inherit: neither is a
// work of its own, so neither becomes a record.
const containerTypes = ['set', 'xdata'];

export function parseBibtex(text: string): ParseResult {
	const syntax = readBibtex(text);
	if (!syntax.ok) return syntax;
	const works = syntax.records.filter((r) => !containerTypes.includes(r.type));
	return { ok: true, entries: works.map(toParsed) };
}

const exportTypes: Record<ResearchType, string> = {
	article: 'article',
	report: 'techreport',
	thesis: 'phdthesis',
	dataset: 'dataset',
	project: 'misc'
};

function fields(entry: ResearchEntry): [string, string][] {
	const text = (value: string | null) => encodeLatex(value ?? '');
	const link = (value: string | null) => (value ?? '').replace(/[{}]/g, encodeURIComponent);
	const orcids = entry.authors
		.filter((a) => a.orcid)
		.map((a) => `${invertedName(a.name)}/${a.orcid}`);
	const language = babelLanguage(entry.language);
	return [
		[
			'author',
			entry.authors
				.map((a) => (isCorporate(a.name) ? `{${text(a.name)}}` : text(invertedName(a.name))))
				.join(' and ')
		],
		['title', text(entry.title)],
		['year', entry.year === null ? '' : String(entry.year)],
		['type', entry.type === 'project' ? 'Research project' : ''],
		[entry.type === 'thesis' ? 'school' : 'institution', text(entry.institution)],
		[language ? 'langid' : 'language', language ?? entry.language ?? ''],
		['doi', link(entry.doi)],
		['url', link(entry.url)],
		['oaurl', link(entry.openAccessUrl)],
		['keywords', text(joinKeywords(entry.keywords))],
		['abstract', text(entry.abstract)],
		['orcid-numbers', text(orcids.join('; '))]
	];
}

/** One `@type{key, …}` block per entry, keys unique within the list. */
export function formatBibtex(entries: ResearchEntry[]): string {
	const keys = citationKeys(entries);
	return entries
		.map((entry, i) => {
			const body = fields(entry)
				.filter(([, value]) => value)
				.map(([name, value]) => `  ${name} = {${value}}`)
				.join(',\n');
			return `@${exportTypes[entry.type]}{${keys[i]},\n${body}\n}\n`;
		})
		.join('\n');
}
