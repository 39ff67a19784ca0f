import type { Db } from '$lib/server/platform';
import type { ResearchComment } from '../../research/types.ts';
export type { ResearchComment };

// Comments on a research record: anyone signed in who can read the record; authors remove
// their own (a trace stays so replies keep their context).

type Row = Record<string, unknown>;

export async function list(db: Db, researchId: string): Promise<ResearchComment[]> {
	const { data, error } = await db
		.from('research_comments')
		.select('id, body, created_at, deleted_at, author:profiles(id, name)')
		.eq('research_id', researchId)
		.order('created_at')
		.limit(500);
	if (error) throw new Error(`research comments: ${error.message}`);
	return (data as unknown as Row[]).map((r) => ({
		id: r.id as string,
		author: (r.author as ResearchComment['author']) ?? null,
		body: r.deleted_at ? '' : (r.body as string),
		createdAt: r.created_at as string,
		deleted: r.deleted_at !== null
	}));
}

export async function add(db: Db, authorId: string, researchId: string, body: string) {
	const { error } = await db
		.from('research_comments')
		.insert({ research_id: researchId, author_id: authorId, body });
	if (error?.code === '42501') return false;
	if (error) throw new Error(`research comments: ${error.message}`);
	return true;
}

export async function remove(db: Db, commentId: string): Promise<boolean> {
	const { data, error } = await db
		.from('research_comments')
		.update({ deleted_at: new Date().toISOString() })
		.eq('id', commentId)
		.is('deleted_at', null)
		.select('id');
	if (error) throw new Error(`research comments: ${error.message}`);
	return data.length > 0;
}
