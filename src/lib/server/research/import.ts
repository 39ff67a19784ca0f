import * as research from './research.ts';
import type { ParsedEntry, ParseError, ResearchEntry } from './entry.ts';
import { markDuplicates } from './duplicates.ts';
import { foldName, institutionIds } from './institutions.ts';
import { parseFile, type Format } from './formats/formats.ts';
import { suggestGoals } from './suggest.ts';
import type { Db } from '$lib/server/platform';

// Importing a BibTeX, RIS or CSL-JSON file: first a preview of every entry with its problems
// and suggested goals, stored nowhere; then, with the entries and goals the researcher picked,
// the records. The file's text travels with the preview form, so nothing is kept between the
// two steps and a second confirm cannot import anything the person did not see.

export interface PreviewEntry extends ParsedEntry {
	index: number;
	/** Keyword-rule suggestions, for the researcher to tick. */
	suggested: number[];
	/** Unticked by default: no title, or already in Erfa or earlier in the file. */
	blocked: boolean;
}

export type Preview =
	| { ok: true; format: Format; text: string; entries: PreviewEntry[] }
	| { ok: false; error: ParseError };

export async function preview(
	db: Db,
	input: Uint8Array | string,
	filename?: string
): Promise<Preview> {
	const parsed = parseFile(input, filename);
	if (!parsed.ok) return parsed;
	const existing = await research.existing(
		db,
		parsed.entries.map((p) => p.entry)
	);
	const marked = markDuplicates(parsed.entries, existing);
	const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
	return {
		ok: true,
		format: parsed.format,
		text,
		entries: marked.map((p, index) => ({
			...p,
			index,
			suggested: suggestGoals(p.entry).map((s) => s.goal),
			blocked: p.problems.some((q) =>
				['missing_title', 'duplicate', 'duplicate_in_file'].includes(q.kind)
			)
		}))
	};
}

export interface Choices {
	picked: number[];
	/** Goals for every picked entry. */
	goals: number[];
	/** Extra goals per entry index (ticked suggestions). */
	perEntry: Map<number, number[]>;
	visibility: 'public' | 'members';
}

export interface Imported {
	saved: { id: string; title: string }[];
	skipped: { title: string; reason: 'duplicate_doi' | 'not_allowed' | 'missing_title' }[];
}

export async function confirm(db: Db, text: string, choices: Choices): Promise<Imported | null> {
	const parsed = parseFile(text);
	if (!parsed.ok) return null;
	const result: Imported = { saved: [], skipped: [] };
	const institutions = await institutionIds(
		db,
		parsed.entries.map((p) => p.entry.institution)
	);
	for (const index of [...new Set(choices.picked)].sort((a, b) => a - b)) {
		const entry = parsed.entries[index]?.entry;
		if (!entry) continue;
		if (!entry.title.trim()) {
			result.skipped.push({ title: '', reason: 'missing_title' });
			continue;
		}
		const institutionId = institutions.get(foldName(entry.institution ?? '')) ?? null;
		const saved = await research.save(db, null, toInput(entry, choices, index, institutionId));
		if (saved.ok) result.saved.push({ id: saved.id, title: entry.title });
		else
			result.skipped.push({
				title: entry.title,
				reason: saved.reason === 'duplicate_doi' ? 'duplicate_doi' : 'not_allowed'
			});
	}
	return result;
}

function toInput(
	entry: ResearchEntry,
	choices: Choices,
	index: number,
	institutionId: string | null
): research.SaveInput {
	const goals = [...new Set([...choices.goals, ...(choices.perEntry.get(index) ?? [])])].sort(
		(a, b) => a - b
	);
	return {
		...entry,
		institutionId,
		visibility: choices.visibility,
		goals,
		targets: []
	};
}
