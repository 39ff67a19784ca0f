import { z } from 'zod';
import type { Person, Row, Status } from '../../experiences/types.ts';
import type { Db } from '$lib/server/platform';

// The edit history of experience reports. Revisions are written by a database trigger on every
// change, so they are only read here; RLS shows them to whoever may see the report itself.

export interface RevisionEntry {
	revision: number;
	editedAt: string;
	editor: Person;
	title: string;
	status: Status;
}

export interface Revision extends RevisionEntry {
	summary: string;
	background: string;
	actions: string;
	results: string;
	lessons: string;
	contactPerson: string | null;
	periodStart: string | null;
	periodEnd: string | null;
	sdgGoals: number[];
	sdgTargets: string[];
	sharedWithAll: boolean;
}

/** Every saved version of a report the caller may see, newest first. */
export async function history(db: Db, id: string): Promise<RevisionEntry[]> {
	if (!z.uuid().safeParse(id).success) return [];
	const { data, error } = await db
		.from('experience_revisions')
		.select(
			'revision, edited_at, title:data->>title, status:data->>status, editor:profiles(id, name)'
		)
		.eq('experience_id', id)
		.order('revision', { ascending: false });
	if (error) throw new Error(`experience_revisions: ${error.message}`);
	return (data as unknown as Row[]).map((r) => ({
		revision: r.revision as number,
		editedAt: r.edited_at as string,
		editor: (r.editor as Person) ?? null,
		title: r.title as string,
		status: r.status as Status
	}));
}

/** One saved version, or null. */
export async function revision(db: Db, id: string, number: number): Promise<Revision | null> {
	if (!z.uuid().safeParse(id).success || !Number.isSafeInteger(number)) return null;
	const { data, error } = await db
		.from('experience_revisions')
		.select('revision, edited_at, data, editor:profiles(id, name)')
		.eq('experience_id', id)
		.eq('revision', number)
		.maybeSingle();
	if (error) throw new Error(`experience_revisions: ${error.message}`);
	if (!data) return null;
	const r = data as unknown as Row;
	const d = r.data as Row;
	return {
		revision: r.revision as number,
		editedAt: r.edited_at as string,
		editor: (r.editor as Person) ?? null,
		title: d.title as string,
		status: d.status as Status,
		summary: d.summary as string,
		background: d.background as string,
		actions: d.actions as string,
		results: d.results as string,
		lessons: d.lessons as string,
		contactPerson: (d.contact_person as string | null) ?? null,
		periodStart: (d.period_start as string | null) ?? null,
		periodEnd: (d.period_end as string | null) ?? null,
		sdgGoals: (d.sdg_goals as number[]) ?? [],
		sdgTargets: (d.sdg_targets as string[]) ?? [],
		sharedWithAll: d.shared_with_all === true
	};
}
