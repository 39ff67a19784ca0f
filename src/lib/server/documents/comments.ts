import { z } from 'zod';
import { render, type Db } from '$lib/server/platform';
import {
	groupMembers,
	highlightMentions,
	mentionedIds,
	type Member
} from '$lib/server/discussions';
import type { Anchor, Ref, Comment, Thread } from '../../documents/types.ts';

export type { Anchor, Comment, Thread };

// Inline comments on a document. A thread's first comment carries the anchor: two Yjs relative
// positions (JSON) that keep pointing at the same characters while the text around them
// changes, and the quoted text as it was when the thread started. Replies hang off the thread.
// Every read and write goes through the caller's supabase-js client: RLS decides who may read,
// comment, resolve and remove. Bodies are Markdown, shown through render().

const yId = z.strictObject({
	client: z.number().int().nonnegative(),
	clock: z.number().int().nonnegative()
});

/** Y.relativePositionToJSON's shape: a position inside a type (or a root type by name). */
export const relativePosition = z
	.strictObject({
		type: yId.optional(),
		tname: z.string().min(1).max(100).optional(),
		item: yId.optional(),
		assoc: z.number().int().min(-1).max(1).optional()
	})
	.refine((p) => p.type || p.tname || p.item, { error: 'empty position' });

export const anchor = z.strictObject({
	start: relativePosition,
	end: relativePosition
}) satisfies z.ZodType<Anchor, unknown>;

export const MAX_BODY = 5000;
export const MAX_QUOTE = 500;

export interface Row {
	id: string;
	parent_id: string | null;
	author: Ref;
	resolver: Ref;
	body: string;
	anchor: Anchor | null;
	quote: string;
	suggestion_id: string | null;
	resolved_at: string | null;
	created_at: string;
	edited_at: string | null;
}

const columns =
	'id, parent_id, body, anchor, quote, suggestion_id, resolved_at, created_at, edited_at, ' +
	'author:profiles!document_comments_author_id_fkey(id, name), ' +
	'resolver:profiles!document_comments_resolved_by_fkey(id, name)';

function failed(error: { message: string }): never {
	throw new Error(`document_comments: ${error.message}`);
}

const toComment = (r: Row, members: Member[]): Comment => ({
	id: r.id,
	author: r.author ?? null,
	body: r.body,
	html: highlightMentions(render(r.body), members),
	createdAt: r.created_at,
	editedAt: r.edited_at
});

/** Every thread of a document with its replies, oldest first (the page orders by position). */
export async function list(db: Db, document: { id: string; groupId: string }): Promise<Thread[]> {
	const [{ data, error }, members] = await Promise.all([
		db
			.from('document_comments')
			.select(columns)
			.eq('document_id', document.id)
			.order('created_at')
			.order('id')
			.limit(2000),
		groupMembers(db, document.groupId)
	]);
	if (error) failed(error);
	return threadsOf(data as unknown as Row[], members);
}

/** Comment rows (oldest first, as list and public.document_page read them) as threads. */
export function threadsOf(rows: Row[], members: Member[]): Thread[] {
	const threads = new Map<string, Thread>();
	for (const r of rows.filter((r) => r.parent_id === null && r.anchor)) {
		threads.set(r.id, {
			...toComment(r, members),
			anchor: r.anchor!,
			quote: r.quote,
			suggestionId: r.suggestion_id,
			resolvedAt: r.resolved_at,
			resolvedBy: r.resolver ?? null,
			replies: []
		});
	}
	for (const r of rows) {
		if (r.parent_id) threads.get(r.parent_id)?.replies.push(toComment(r, members));
	}
	return [...threads.values()];
}

export type Written = { ok: true; id: string } | { ok: false; reason: 'not_allowed' | 'not_found' };

async function insert(db: Db, values: Record<string, unknown>): Promise<Written> {
	const { data, error } = await db.from('document_comments').insert(values).select('id').single();
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error?.code === '23503') return { ok: false, reason: 'not_found' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }).id };
}

export interface NewThread {
	anchor: Anchor;
	quote: string;
	body: string;
	/** The suggested change the thread is about (why it is suggested). */
	suggestionId?: string | null;
}

export const createThread = (db: Db, authorId: string, documentId: string, input: NewThread) =>
	insert(db, {
		document_id: documentId,
		author_id: authorId,
		anchor: input.anchor,
		quote: input.quote.slice(0, MAX_QUOTE),
		body: input.body,
		suggestion_id: input.suggestionId ?? null
	});

/** The thread (a first comment) in this document, as the caller sees it. */
export async function thread(db: Db, documentId: string, threadId: string) {
	if (!isUuid(threadId)) return null;
	const { data, error } = await db
		.from('document_comments')
		.select('id, author_id, suggestion_id')
		.eq('id', threadId)
		.eq('document_id', documentId)
		.is('parent_id', null)
		.maybeSingle();
	if (error) failed(error);
	return data as { id: string; author_id: string | null; suggestion_id: string | null } | null;
}

export async function reply(
	db: Db,
	authorId: string,
	documentId: string,
	threadId: string,
	body: string
): Promise<Written> {
	if (!(await thread(db, documentId, threadId))) return { ok: false, reason: 'not_found' };
	return insert(db, { document_id: documentId, parent_id: threadId, author_id: authorId, body });
}

export type Changed = { ok: true } | { ok: false; reason: 'not_allowed' | 'not_found' };

// An update that RLS (or the author filter) refuses changes no row; whether the comment exists
// for the caller tells "not yours" from "not there".
async function change(
	db: Db,
	documentId: string,
	commentId: string,
	values: Record<string, unknown>,
	scope: { authorId?: string; threadOnly?: boolean } = {}
): Promise<Changed> {
	if (!isUuid(commentId)) return { ok: false, reason: 'not_found' };
	let query = db
		.from('document_comments')
		.update(values)
		.eq('id', commentId)
		.eq('document_id', documentId);
	if (scope.authorId) query = query.eq('author_id', scope.authorId);
	if (scope.threadOnly) query = query.is('parent_id', null);
	const { data, error } = await query.select('id');
	if (error && error.code !== '42501') failed(error);
	if (data?.length) return { ok: true };
	return {
		ok: false,
		reason: (await exists(db, documentId, commentId)) ? 'not_allowed' : 'not_found'
	};
}

async function exists(db: Db, documentId: string, commentId: string): Promise<boolean> {
	const { data, error } = await db
		.from('document_comments')
		.select('id')
		.eq('id', commentId)
		.eq('document_id', documentId)
		.maybeSingle();
	if (error) failed(error);
	return data !== null;
}

/** Resolves or reopens a thread: its author and everyone who may edit the document. */
export const setResolved = (
	db: Db,
	userId: string,
	documentId: string,
	threadId: string,
	resolved: boolean
) =>
	change(
		db,
		documentId,
		threadId,
		resolved
			? { resolved_at: new Date().toISOString(), resolved_by: userId }
			: { resolved_at: null, resolved_by: null },
		{ threadOnly: true }
	);

/** Authors edit their own words only. */
export const edit = (db: Db, userId: string, documentId: string, commentId: string, body: string) =>
	change(
		db,
		documentId,
		commentId,
		{ body, edited_at: new Date().toISOString() },
		{ authorId: userId }
	);

/** Removes a comment (a thread with its replies): its author, or the group's coordinators. */
export async function remove(db: Db, documentId: string, commentId: string): Promise<Changed> {
	if (!isUuid(commentId)) return { ok: false, reason: 'not_found' };
	const { data, error } = await db
		.from('document_comments')
		.delete()
		.eq('id', commentId)
		.eq('document_id', documentId)
		.select('id');
	if (error) failed(error);
	if (data.length) return { ok: true };
	return {
		ok: false,
		reason: (await exists(db, documentId, commentId)) ? 'not_allowed' : 'not_found'
	};
}

/** Who wrote in a thread (its first comment and the replies). */
export async function participants(db: Db, documentId: string, threadId: string) {
	if (!isUuid(threadId)) return [];
	const { data, error } = await db
		.from('document_comments')
		.select('author_id')
		.eq('document_id', documentId)
		.or(`id.eq.${threadId},parent_id.eq.${threadId}`);
	if (error) failed(error);
	return unique((data as { author_id: string | null }[]).map((r) => r.author_id));
}

/** The people who have written in the document, and whoever created it. */
export async function contributors(db: Db, documentId: string, createdBy: string | null) {
	const { data, error } = await db
		.from('document_contributors')
		.select('user_id')
		.eq('document_id', documentId);
	if (error) failed(error);
	return unique([createdBy, ...(data as { user_id: string }[]).map((r) => r.user_id)]);
}

/** Members of the document's group mentioned in a comment body. */
export const mentioned = (body: string, members: Member[]) =>
	body.includes('@') ? mentionedIds(render(body), members) : [];

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => !!id))];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);
