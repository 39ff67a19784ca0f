import type { GoalSuggestion } from './entry.ts';
import type { Db } from '$lib/server/platform';

// Machine-suggested SDG goals of a research record (OpenAlex scores, keyword rules) and the
// person's decision on each: machines suggest, people decide. The record's editors decide
// (RLS: erfa.editable_research()); confirmed goals feed research.goals by trigger.

export type Decision = 'confirmed' | 'rejected';

/** Stores suggestions; goals already linked (suggested, confirmed or rejected) stay as they are. */
export async function suggest(db: Db, researchId: string, suggestions: GoalSuggestion[]) {
	if (!suggestions.length) return 0;
	const rows = suggestions.map((s) => ({
		research_id: researchId,
		goal: s.goal,
		target: null,
		source: s.source,
		confidence: Math.round(Math.min(1, Math.max(0, s.confidence)) * 100) / 100,
		status: 'suggested',
		note: s.reason.slice(0, 500)
	}));
	// The unique index is on an expression (coalesce(target, '')), which PostgREST's on_conflict
	// cannot name; at most 17 rows, so each is inserted alone and duplicates are skipped.
	let added = 0;
	for (const row of rows) {
		const { error } = await db.from('research_sdg').insert(row);
		if (!error) added++;
		else if (error.code !== '23505') throw new Error(`research goals: ${error.message}`);
	}
	return added;
}

export async function decide(
	db: Db,
	researchId: string,
	linkId: string,
	decision: Decision,
	deciderId: string,
	note = ''
): Promise<boolean> {
	const { data, error } = await db
		.from('research_sdg')
		.update({
			status: decision,
			decided_by: deciderId,
			decided_at: new Date().toISOString(),
			note: note.slice(0, 500)
		})
		.eq('id', linkId)
		.eq('research_id', researchId)
		.select('id');
	if (error) throw new Error(`research goals: ${error.message}`);
	return data.length > 0;
}
