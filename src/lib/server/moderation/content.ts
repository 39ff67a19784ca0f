import { plainText, type Db } from '$lib/server/platform';
import {
	type TargetType,
	type Target,
	type Content,
	TARGET_TYPES
} from '../../moderation/types.ts';

export { TARGET_TYPES, type TargetType, type Target, type Content };

// The posts moderation acts on (experiences, threads, replies), read through the caller's
// supabase client: what RLS hides from them does not exist here. Hidden posts stay visible to
// their authors, the group's coordinators and administrators, so moderators always find them.

export const TABLES: Record<TargetType, string> = {
	experience: 'experiences',
	thread: 'threads',
	reply: 'replies'
};

interface GroupRef {
	slug: string;
	name: string;
}
interface Common {
	id: string;
	author_id: string | null;
	author: { name: string } | null;
	hidden_at: string | null;
	hidden_reason: string | null;
}
interface ExperienceRow extends Common {
	group_id: string;
	title: string;
	summary: string;
	group: GroupRef | null;
}
interface ThreadRow extends Common {
	group_id: string;
	title: string;
	body: string;
	group: GroupRef | null;
}
interface ReplyRow extends Common {
	body: string;
	thread: { id: string; group_id: string; title: string; group: GroupRef | null } | null;
}

const AUTHOR = 'author:profiles!author_id(name)';
const COMMON = `id, author_id, hidden_at, hidden_reason, ${AUTHOR}`;
const SELECT: Record<TargetType, string> = {
	experience: `${COMMON}, group_id, title, summary, group:groups(slug, name)`,
	thread: `${COMMON}, group_id, title, body, group:groups(slug, name)`,
	reply: `${COMMON}, body, thread:threads(id, group_id, title, group:groups(slug, name))`
};

function base(type: TargetType, row: Common) {
	return {
		type,
		id: row.id,
		authorId: row.author_id,
		authorName: row.author?.name ?? null,
		hiddenAt: row.hidden_at,
		hiddenReason: row.hidden_reason
	};
}

function toContent(type: TargetType, raw: unknown): Content | null {
	if (type === 'reply') {
		const row = raw as ReplyRow;
		const group = row.thread?.group;
		if (!row.thread || !group) return null;
		return {
			...base(type, row),
			groupId: row.thread.group_id,
			groupSlug: group.slug,
			groupName: group.name,
			title: row.thread.title,
			excerpt: plainText(row.body, 240),
			link: `/groups/${group.slug}/discussions/${row.thread.id}#reply-${row.id}`
		};
	}
	const row = raw as ExperienceRow | ThreadRow;
	if (!row.group) return null;
	const text = 'summary' in row ? row.summary : row.body;
	const section = type === 'experience' ? 'experiences' : 'discussions';
	return {
		...base(type, row),
		groupId: row.group_id,
		groupSlug: row.group.slug,
		groupName: row.group.name,
		title: row.title,
		excerpt: plainText(text, 240),
		link: `/groups/${row.group.slug}/${section}/${row.id}`
	};
}

function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}

/** One post as the caller sees it, or null when it does not exist for them. */
export async function content(db: Db, target: Target): Promise<Content | null> {
	const { data, error } = await db
		.from(TABLES[target.type])
		.select(SELECT[target.type])
		.eq('id', target.id)
		.maybeSingle();
	if (error?.code === '22P02') return null; // not a uuid
	if (error) failed(`moderation.content(${target.type})`, error);
	return data ? toContent(target.type, data) : null;
}

/** Several posts of one kind, by id (for the moderation queue). */
export async function contents(db: Db, type: TargetType, ids: string[]): Promise<Content[]> {
	if (ids.length === 0) return [];
	const { data, error } = await db.from(TABLES[type]).select(SELECT[type]).in('id', ids);
	if (error) failed(`moderation.contents(${type})`, error);
	return (data as unknown[]).map((row) => toContent(type, row)).filter((c) => c !== null);
}
