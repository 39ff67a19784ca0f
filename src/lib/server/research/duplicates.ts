// Duplicate detection for an import preview: the same DOI, or the same title (ignoring case,
// diacritics and punctuation) and year, as a stored record or as an earlier entry in the file.

import type { ParsedEntry, Problem } from './entry.ts';
import { foldText } from './names.ts';

export interface ExistingRecord {
	id: string;
	title: string;
	year: number | null;
	doi: string | null;
}

/** "Kommunernas arbetsmarknad – en studie!" and "kommunernas arbetsmarknad: en studie" agree. */
export function titleKey(title: string, year: number | null): string {
	return `${foldText(title)}|${year ?? ''}`;
}

interface Seen<T> {
	byDoi: Map<string, T>;
	byTitle: Map<string, T>;
}

function index<T>(items: T[], doi: (item: T) => string | null, key: (item: T) => string): Seen<T> {
	const seen: Seen<T> = { byDoi: new Map(), byTitle: new Map() };
	for (const item of items) remember(seen, item, doi(item), key(item));
	return seen;
}

function remember<T>(seen: Seen<T>, item: T, doi: string | null, key: string): void {
	if (doi && !seen.byDoi.has(doi)) seen.byDoi.set(doi, item);
	if (!key.startsWith('|') && !seen.byTitle.has(key)) seen.byTitle.set(key, item);
}

function find<T>(seen: Seen<T>, doi: string | null, key: string) {
	const byDoi = doi ? seen.byDoi.get(doi) : undefined;
	if (byDoi) return { match: byDoi, by: 'doi' as const };
	const byTitle = key.startsWith('|') ? undefined : seen.byTitle.get(key);
	return byTitle ? { match: byTitle, by: 'title_year' as const } : null;
}

/**
 * The entries again, each with a `duplicate` problem when it matches a stored record (DOI
 * first, then title and year) or a `duplicate_in_file` problem when an earlier entry of the file
 * has the same DOI or title and year. Entries without a title or DOI match nothing.
 */
export function markDuplicates(parsed: ParsedEntry[], existing: ExistingRecord[]): ParsedEntry[] {
	const stored = index(
		existing,
		(r) => r.doi?.toLowerCase() ?? null,
		(r) => titleKey(r.title, r.year)
	);
	const earlier: Seen<ParsedEntry> = { byDoi: new Map(), byTitle: new Map() };
	return parsed.map((item) => {
		const { doi, title, year } = item.entry;
		const key = titleKey(title, year);
		const problems: Problem[] = [];
		const inStore = find(stored, doi, key);
		if (inStore) {
			const { id, title: storedTitle } = inStore.match;
			problems.push({ kind: 'duplicate', of: { id, title: storedTitle }, by: inStore.by });
		}
		const inFile = find(earlier, doi, key);
		if (inFile) {
			const of = { line: inFile.match.line, title: inFile.match.entry.title };
			problems.push({ kind: 'duplicate_in_file', of, by: inFile.by });
		}
		remember(earlier, item, doi, key);
		return problems.length ? { ...item, problems: [...item.problems, ...problems] } : item;
	});
}
