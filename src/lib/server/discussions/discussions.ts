import { render, plainText, type Db } from '$lib/server/platform';
import { groupMembers, highlightMentions } from './mentions.ts';

// Discussions in a group: threads and their replies. Every read and write goes through the
// caller's supabase-js client, so row-level security decides who sees and posts what, and the
// guard triggers decide who edits, deletes, marks answers and pins. The writes live in
// discussions-posts.ts and discussions-flags.ts and are re-exported here: routes import only
// this module.

export const PAGE_SIZE = 30;
/** How long the quoted excerpt of another reply may be. */
const EXCERPT = 160;

export interface Author {
	/** null when the account is gone or deactivated (its profile is no longer visible). */
	id: string | null;
	name: string | null;
	organization: string | null;
}

export interface Hidden {
	at: string;
	reason: string | null;
}

export interface ThreadSummary {
	id: string;
	title: string;
	author: Author;
	pinned: boolean;
	answered: boolean;
	replyCount: number;
	createdAt: string;
	lastActivityAt: string;
	deleted: boolean;
	hidden: boolean;
}

export interface Post {
	id: string;
	author: Author;
	/** The Markdown source; empty once deleted. */
	body: string;
	/** Sanitized HTML with mentions highlighted; empty once deleted. */
	html: string;
	createdAt: string;
	editedAt: string | null;
	deleted: boolean;
	hidden: Hidden | null;
}

export interface Quote {
	id: string;
	authorName: string | null;
	/** Plain text, shortened; empty when the quoted reply was deleted. */
	excerpt: string;
	deleted: boolean;
}

export interface Reply extends Post {
	isAnswer: boolean;
	/** The reply this one quotes; `available: false` when the reader cannot see it. */
	quote: (Quote & { available: true }) | { id: string; available: false } | null;
}

export interface Thread extends Post {
	groupId: string;
	title: string;
	pinned: boolean;
	replies: Reply[];
}

interface AuthorRow {
	id: string;
	name: string;
	organization: { name: string } | null;
}

const author = (row: AuthorRow | null): Author => ({
	id: row?.id ?? null,
	name: row?.name ?? null,
	organization: row?.organization?.name ?? null
});

// Threads and replies point at profiles twice (author, hidden_by): name the relation.
const threadAuthor =
	'author:profiles!threads_author_id_fkey(id, name, organization:organizations(name))';
const replyAuthor =
	'author:profiles!replies_author_id_fkey(id, name, organization:organizations(name))';

interface SummaryRow {
	id: string;
	title: string;
	pinned: boolean;
	created_at: string;
	last_activity_at: string;
	deleted_at: string | null;
	hidden_at: string | null;
	author: AuthorRow | null;
	live: { count: number }[];
	answers: { id: string }[];
}

/** A page of the group's threads: pinned first, then by latest activity. */
export async function listThreads(
	db: Db,
	groupId: string,
	page = 1
): Promise<{ threads: ThreadSummary[]; total: number }> {
	const from = (Math.max(1, page) - 1) * PAGE_SIZE;
	const { data, error, count } = await db
		.from('threads')
		.select(
			`id, title, pinned, created_at, last_activity_at, deleted_at, hidden_at, ${threadAuthor}, live:replies(count), answers:replies(id)`,
			{ count: 'exact' }
		)
		.eq('group_id', groupId)
		.is('live.deleted_at', null)
		.eq('answers.is_answer', true)
		.is('answers.deleted_at', null)
		.order('pinned', { ascending: false })
		.order('last_activity_at', { ascending: false })
		.order('id')
		.range(from, from + PAGE_SIZE - 1);
	if (error) throw new Error(`threads: ${error.message}`);
	const threads = (data as unknown as SummaryRow[])
		.map((row) => ({
			id: row.id,
			title: row.title,
			author: author(row.author),
			pinned: row.pinned,
			answered: row.answers.length > 0,
			replyCount: row.live[0]?.count ?? 0,
			createdAt: row.created_at,
			lastActivityAt: row.last_activity_at,
			deleted: row.deleted_at !== null,
			hidden: row.hidden_at !== null
		}))
		// A deleted thread that nobody answered has nothing left to read.
		.filter((t) => !t.deleted || t.replyCount > 0);
	return { threads, total: count ?? threads.length };
}

interface PostRow {
	id: string;
	body: string;
	created_at: string;
	edited_at: string | null;
	deleted_at: string | null;
	hidden_at: string | null;
	hidden_reason: string | null;
	author: AuthorRow | null;
}

function post(row: PostRow, toHtml: (md: string) => string): Post {
	const deleted = row.deleted_at !== null;
	return {
		id: row.id,
		author: author(row.author),
		// A deleted post keeps its row (the thread stays readable) but not its words on the page.
		body: deleted ? '' : row.body,
		html: deleted ? '' : toHtml(row.body),
		createdAt: row.created_at,
		editedAt: row.edited_at,
		deleted,
		hidden: row.hidden_at ? { at: row.hidden_at, reason: row.hidden_reason } : null
	};
}

type ReplyRow = PostRow & { quoted_reply_id: string | null; is_answer: boolean };

function quoteOf(row: ReplyRow, byId: Map<string, ReplyRow>): Reply['quote'] {
	if (!row.quoted_reply_id) return null;
	const quoted = byId.get(row.quoted_reply_id);
	if (!quoted) return { id: row.quoted_reply_id, available: false };
	const deleted = quoted.deleted_at !== null;
	return {
		id: quoted.id,
		available: true,
		authorName: quoted.author?.name ?? null,
		excerpt: deleted ? '' : plainText(quoted.body, EXCERPT),
		deleted
	};
}

const postColumns = 'id, body, created_at, edited_at, deleted_at, hidden_at, hidden_reason';

/** One thread with its replies in order; null when it does not exist or the caller may not read it. */
export async function thread(db: Db, id: string): Promise<Thread | null> {
	const { data: row, error } = await db
		.from('threads')
		.select(`${postColumns}, group_id, title, pinned, ${threadAuthor}`)
		.eq('id', id)
		.maybeSingle();
	if (error?.code === '22P02') return null;
	if (error) throw new Error(`threads: ${error.message}`);
	if (!row) return null;
	const t = row as unknown as PostRow & { group_id: string; title: string; pinned: boolean };
	const [replies, members] = await Promise.all([
		db
			.from('replies')
			.select(`${postColumns}, quoted_reply_id, is_answer, ${replyAuthor}`)
			.eq('thread_id', id)
			.order('created_at')
			.order('id'),
		groupMembers(db, t.group_id)
	]);
	if (replies.error) throw new Error(`replies: ${replies.error.message}`);
	const rows = replies.data as unknown as ReplyRow[];
	const byId = new Map(rows.map((r) => [r.id, r]));
	const toHtml = (md: string) => highlightMentions(render(md), members);
	return {
		...post(t, toHtml),
		groupId: t.group_id,
		title: t.title,
		pinned: t.pinned,
		replies: rows.map((r) => ({
			...post(r, toHtml),
			isAnswer: r.is_answer && r.deleted_at === null,
			quote: quoteOf(r, byId)
		}))
	};
}
