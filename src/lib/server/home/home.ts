import type { GroupNews, MyDocument } from '../../home/types.ts';
import type { Db } from '$lib/server/platform';

export type { GroupNews, MyDocument };

// What the home page shows a signed-in person: news in their groups since they last looked,
// the documents they write, research on the goals they care about. All through RLS.

export async function groupNews(db: Db): Promise<GroupNews[]> {
	const { data, error } = await db.rpc('my_group_news');
	if (error) throw new Error(`home: ${error.message}`);
	return newsOf(data as unknown[]);
}

/** Rows of public.my_group_news (also read inside public.home_dashboard). */
export function newsOf(rows: unknown[]): GroupNews[] {
	return (rows as Record<string, unknown>[]).map((r) => ({
		groupId: r.group_id as string,
		slug: r.slug as string,
		name: r.name as string,
		role: r.role as GroupNews['role'],
		seenAt: r.seen_at as string,
		experiences: Number(r.experiences),
		threads: Number(r.threads),
		replies: Number(r.replies),
		documents: Number(r.documents)
	}));
}

/** Remembers that the person looked at the group now (for "new since your last visit"). */
export async function visited(db: Db, userId: string, groupId: string): Promise<void> {
	const { error } = await db
		.from('group_visits')
		.upsert(
			{ user_id: userId, group_id: groupId, seen_at: new Date().toISOString() },
			{ onConflict: 'user_id,group_id' }
		);
	// A visit that cannot be recorded must not break the page; the news is just less precise.
	if (error) console.warn(`group visit not recorded: ${error.message}`);
}

export async function myDocuments(db: Db, userId: string, limit = 5): Promise<MyDocument[]> {
	const { data, error } = await db
		.from('document_contributors')
		.select('last_edited_at, document:documents!inner(id, title, status, group:groups(slug, name))')
		.eq('user_id', userId)
		.order('last_edited_at', { ascending: false })
		.limit(limit);
	if (error) throw new Error(`home: ${error.message}`);
	return documentsOf(data as unknown[]);
}

/** Contributions with their document embedded, as PostgREST (and public.home_dashboard) give them. */
export function documentsOf(rows: unknown[]): MyDocument[] {
	type Row = { last_edited_at: string; document: Omit<MyDocument, 'lastEditedAt'> };
	return (rows as Row[]).map((r) => ({ ...r.document, lastEditedAt: r.last_edited_at }));
}

export interface ResearchTeaser {
	id: string;
	title: string;
	year: number | null;
	goals: number[];
	institution: string | null;
}

/** The newest research, optionally only on some goals (a person's SDG interests). */
export async function recentResearch(
	db: Db,
	goals: number[] | null,
	limit = 4
): Promise<ResearchTeaser[]> {
	let query = db.from('research').select('id, title, year, goals, institution:organizations(name)');
	if (goals) query = query.overlaps('goals', goals);
	const { data, error } = await query.order('created_at', { ascending: false }).limit(limit);
	if (error) throw new Error(`home: ${error.message}`);
	return teasersOf(data as unknown[]);
}

/** Research rows with the institution embedded, as PostgREST (and public.home_dashboard) give them. */
export function teasersOf(rows: unknown[]): ResearchTeaser[] {
	type Row = Omit<ResearchTeaser, 'institution'> & { institution: { name: string } | null };
	return (rows as Row[]).map((r) => ({ ...r, institution: r.institution?.name ?? null }));
}

export async function sdgInterests(db: Db, userId: string): Promise<number[]> {
	const { data, error } = await db
		.from('profiles')
		.select('sdg_interests')
		.eq('id', userId)
		.maybeSingle();
	if (error) throw new Error(`home: ${error.message}`);
	return (data as { sdg_interests: number[] } | null)?.sdg_interests ?? [];
}

export interface StartState {
	name: string;
	title: string | null;
	bio: string | null;
	sdgInterests: number[];
	emailVerified: boolean;
	/** The person has hidden the "get started" checklist. */
	dismissed: boolean;
}

/** The caller's checklist state and goal interests in one round trip (public.home_start). */
export async function start(db: Db): Promise<StartState | null> {
	const { data, error } = await db.rpc('home_start').maybeSingle();
	if (error) throw new Error(`home: ${error.message}`);
	return startOf(data as Record<string, unknown> | null);
}

/** A row of public.home_start (also read inside public.home_dashboard). */
export function startOf(r: Record<string, unknown> | null): StartState | null {
	if (!r) return null;
	return {
		name: r.name as string,
		title: r.title as string | null,
		bio: r.bio as string | null,
		sdgInterests: (r.sdg_interests as number[]) ?? [],
		emailVerified: r.email_verified === true,
		dismissed: r.dismissed === true
	};
}

/** Whether the person has hidden the "get started" checklist. */
export async function checklistDismissed(db: Db, userId: string): Promise<boolean> {
	const { data, error } = await db
		.from('checklist_dismissals')
		.select('user_id')
		.eq('user_id', userId)
		.maybeSingle();
	if (error) throw new Error(`home: ${error.message}`);
	return data !== null;
}

/** Hides the checklist for good; hiding it twice is the same as once. */
export async function dismissChecklist(db: Db, userId: string): Promise<void> {
	const { error } = await db
		.from('checklist_dismissals')
		.upsert({ user_id: userId }, { onConflict: 'user_id', ignoreDuplicates: true });
	if (error) throw new Error(`home: ${error.message}`);
}
