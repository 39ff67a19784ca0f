import type { Db } from '$lib/server/platform';
import type { AudienceHit } from '../../research/types.ts';
import { wordForms } from './word-forms.ts';
export type { AudienceHit };

// "Research that may be relevant": records ranked by shared SDG targets and goals and by text
// similarity (PostgreSQL full text, Swedish and English), each with the reasons it was
// suggested. The ranking runs in public.research_radar as the caller, so members-only research
// and closed groups never take part for people who may not see them. And the reverse for a
// researcher: groups and documents that could use a finding.

export type RadarSubject = { group: string } | { experience: string } | { document: string };

export interface RadarHit {
	research: { id: string; title: string; year: number | null; institution: string | null };
	score: number;
	sharedGoals: number[];
	sharedTargets: string[];
	matchedWords: string[];
}

type Row = Record<string, unknown>;

export async function forSubject(db: Db, subject: RadarSubject, limit = 8): Promise<RadarHit[]> {
	// The suggestions with their records in one call (issue 17), in the radar's order, read as
	// the caller: a record they may not read is left out.
	const { data, error } = await db.rpc('research_radar_records', {
		p_group: 'group' in subject ? subject.group : null,
		p_experience: 'experience' in subject ? subject.experience : null,
		p_document: 'document' in subject ? subject.document : null,
		p_limit: limit
	});
	if (error) throw new Error(`radar: ${error.message}`);
	return hitsFor(db, subject, data as Row[]);
}

/**
 * A subject's suggestions as a page read them with its other parts (public.group_overview,
 * public.document_page; issue 17): the same hits as forSubject, and the refresh asked for as
 * forSubject asks for it. Only for a signed-in caller (the refresh is theirs).
 */
export function hitsFor(db: Db, subject: RadarSubject, rows: Row[]): RadarHit[] {
	refreshLater(db, subject);
	return rows.map(toHit);
}

/** A row of public.research_radar_records (also inside public.document_page) as a hit. */
export const toHit = (r: Row): RadarHit => ({
	research: {
		id: r.research_id as string,
		title: r.title as string,
		year: r.year as number | null,
		institution: (r.institution as string | null) ?? null
	},
	score: r.score as number,
	sharedGoals: (r.shared_goals as number[]) ?? [],
	sharedTargets: (r.shared_targets as string[]) ?? [],
	matchedWords: wordForms((r.matched_words as string[]) ?? [], recordText(r))
});

// When this process last asked for each subject's refresh. The database decides whether one is
// due (stale, or older than 10 minutes or than a change to research), but asking is a PostgREST
// call on every visit to a page with a radar (issue 17); asking at most once a minute per
// subject makes a change to it show at most a minute (and one visit) later than before.
const ASK_EVERY_MS = 60_000;
const asked = new Map<string, number>();

/** Whether to ask for the subject's refresh now (by its id); notes the time when it says yes. */
export function refreshDue(subjectId: string, now = Date.now()): boolean {
	const last = asked.get(subjectId);
	if (last !== undefined && now - last < ASK_EVERY_MS) return false;
	if (asked.size > 10_000) {
		for (const [id, at] of asked) if (now - at >= ASK_EVERY_MS) asked.delete(id);
	}
	asked.set(subjectId, now);
	return true;
}

/** The refresh's arguments for a subject, and its id (ids are unique across the three kinds). */
function refreshArgs(subject: RadarSubject): { id: string; args: Record<string, string> } {
	if ('group' in subject) return { id: subject.group, args: { p_group: subject.group } };
	if ('experience' in subject)
		return { id: subject.experience, args: { p_experience: subject.experience } };
	return { id: subject.document, args: { p_document: subject.document } };
}

/**
 * A subject's suggestions are precomputed (public.refresh_research_radar, at most every 10
 * minutes, sooner after a change to the subject or to research); the page is answered with what
 * is there and the recomputation, when due, runs after it, so no visitor waits for it.
 */
function refreshLater(db: Db, subject: RadarSubject): void {
	const { id, args } = refreshArgs(subject);
	if (!refreshDue(id)) return;
	Promise.resolve(db.rpc('refresh_research_radar', args)).then(
		({ error }) => {
			if (error) console.error(`[radar] refresh failed: ${error.message}`);
		},
		(error: unknown) => console.error('[radar] refresh failed', error)
	);
}

/** Where the matched stems are looked up as words: the record people will open. */
function recordText(r: Row): string {
	return [r.title, r.abstract, ...((r.keywords as string[] | null) ?? [])].join('. ');
}

export async function audience(db: Db, researchId: string, limit = 8): Promise<AudienceHit[]> {
	const { data, error } = await db.rpc('research_audience', {
		p_research: researchId,
		p_limit: limit
	});
	if (error) throw new Error(`radar: ${error.message}`);
	const hits = data as Row[];
	const { data: record } = await db
		.from('research')
		.select('title, abstract, keywords')
		.eq('id', researchId)
		.maybeSingle();
	const text = record ? recordText(record as Row) : '';
	const ids = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => h.id as string);
	const [groups, docs] = await Promise.all([
		ids('group').length
			? db.from('groups').select('id, slug, name').in('id', ids('group'))
			: { data: [], error: null },
		ids('document').length
			? db.from('documents').select('id, title').in('id', ids('document'))
			: { data: [], error: null }
	]);
	if (groups.error || docs.error) throw new Error('radar: reading targets failed');
	const names = new Map<string, { title: string; href: string }>();
	for (const g of groups.data as Row[])
		names.set(g.id as string, { title: g.name as string, href: `/groups/${g.slug}` });
	for (const d of docs.data as Row[])
		names.set(d.id as string, { title: d.title as string, href: `/docs/${d.id}` });
	return hits.flatMap((h) => {
		const named = names.get(h.id as string);
		if (!named) return [];
		return [
			{
				kind: h.kind as 'group' | 'document',
				id: h.id as string,
				...named,
				score: h.score as number,
				sharedGoals: (h.shared_goals as number[]) ?? [],
				matchedWords: wordForms((h.matched_words as string[]) ?? [], text)
			}
		];
	});
}
