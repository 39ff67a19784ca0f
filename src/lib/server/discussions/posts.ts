import {
	announceEdit,
	announceReply,
	announceThread,
	threadLink,
	type GroupRef
} from './notify.ts';
import { withLock, type Db } from '$lib/server/platform';

// Writing in a discussion: new threads and replies, editing and deleting one's own. The checks
// here give clear answers (not found, not yours, invalid); RLS and the guard triggers refuse
// the same things again (SQLSTATE 42501), whatever calls the API.

export type { GroupRef } from './notify.ts';

export const limits = { titleMin: 3, title: 200, body: 20000 } as const;

/**
 * A second identical post by the same person in the same place within this window is taken to
 * be a double submit (double click, resent form) and answers with the first one instead.
 */
export const DUPLICATE_WINDOW_MS = 10_000;

export interface Actor {
	id: string;
	isAdmin: boolean;
}

export type Refusal = 'forbidden' | 'not_found' | 'invalid' | 'bad_quote' | 'closed';
export type Outcome<T = unknown> =
	({ ok: true } & T) | { ok: false; reason: Refusal; field?: 'title' | 'body' };

export const refused = (reason: Refusal, field?: 'title' | 'body') =>
	({ ok: false, reason, ...(field ? { field } : {}) }) as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
	typeof value === 'string' && uuid.test(value);

function checkTitle(title: string): boolean {
	const t = title.trim();
	return t.length >= limits.titleMin && t.length <= limits.title;
}

function checkBody(body: string): boolean {
	const b = body.trim();
	return b.length >= 1 && b.length <= limits.body;
}

export interface ThreadHead {
	id: string;
	group_id: string;
	author_id: string | null;
	title: string;
	body: string;
	deleted_at: string | null;
}

export async function threadHead(db: Db, id: string): Promise<ThreadHead | null> {
	if (!isUuid(id)) return null;
	const { data, error } = await db
		.from('threads')
		.select('id, group_id, author_id, title, body, deleted_at')
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`threads: ${error.message}`);
	return data as ThreadHead | null;
}

export interface ReplyHead {
	id: string;
	thread_id: string;
	author_id: string | null;
	body: string;
	deleted_at: string | null;
	thread: { group_id: string; author_id: string | null; title: string };
}

export async function replyHead(db: Db, id: string): Promise<ReplyHead | null> {
	if (!isUuid(id)) return null;
	const { data, error } = await db
		.from('replies')
		.select(
			'id, thread_id, author_id, body, deleted_at, thread:threads(group_id, author_id, title)'
		)
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`replies: ${error.message}`);
	return data as unknown as ReplyHead | null;
}

/** The id of the same post by the same person made within the duplicate window, if any. */
async function recentTwin(
	db: Db,
	table: 'threads' | 'replies',
	where: Record<string, string>,
	same: (row: { title?: string; body: string }) => boolean
): Promise<string | null> {
	// Compared here rather than in the query: a 20 000-character body does not belong in a URL.
	const since = new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString();
	const { data, error } = await db
		.from(table)
		.select(table === 'threads' ? 'id, title, body' : 'id, body')
		.match(where)
		.is('deleted_at', null)
		.gte('created_at', since)
		.order('created_at')
		.limit(10);
	if (error) throw new Error(`${table}: ${error.message}`);
	const rows = data as unknown as { id: string; title?: string; body: string }[];
	return rows.find(same)?.id ?? null;
}

type Saved = { id: string; duplicate: boolean } | null;

// The lock makes "look for a twin, else insert" one step for this person and place, so two
// submits arriving at the same moment (on any app process) cannot both insert.

async function insertOnce(
	db: Db,
	table: 'threads' | 'replies',
	row: Record<string, string | null>,
	where: Record<string, string>
): Promise<Saved> {
	return withLock(`erfa:${table}:${Object.values(where).join(':')}`, async () => {
		const twin = await recentTwin(
			db,
			table,
			where,
			(r) => r.body === row.body && (table === 'replies' || r.title === row.title)
		);
		if (twin) return { id: twin, duplicate: true };
		const { data, error } = await db.from(table).insert(row).select('id').single();
		if (error?.code === '42501') return null;
		if (error) throw new Error(`${table}: ${error.message}`);
		return { id: (data as { id: string }).id, duplicate: false };
	});
}

export interface NewThread {
	group: GroupRef;
	title: string;
	body: string;
}

/** Starts a thread; members of the group (and administrators) may. */
export async function createThread(
	db: Db,
	actor: Actor,
	input: NewThread
): Promise<Outcome<{ id: string; duplicate: boolean }>> {
	if (!checkTitle(input.title)) return refused('invalid', 'title');
	if (!checkBody(input.body)) return refused('invalid', 'body');
	const title = input.title.trim().replace(/\s+/g, ' ');
	const body = input.body.trim();
	const saved = await insertOnce(
		db,
		'threads',
		{ group_id: input.group.id, author_id: actor.id, title, body },
		{ group_id: input.group.id, author_id: actor.id }
	);
	if (!saved) return refused('forbidden');
	if (!saved.duplicate) {
		const link = threadLink(input.group, saved.id);
		await announceThread(db, { group: input.group, actorId: actor.id, title, link, body });
	}
	return { ok: true, ...saved };
}

export interface NewReply {
	group: GroupRef;
	threadId: string;
	body: string;
	quotedReplyId?: string | null;
}

/** Answers in a thread, optionally quoting another reply of the same thread. */
export async function reply(
	db: Db,
	actor: Actor,
	input: NewReply
): Promise<Outcome<{ id: string; duplicate: boolean }>> {
	if (!checkBody(input.body)) return refused('invalid', 'body');
	const head = await threadHead(db, input.threadId);
	if (!head || head.group_id !== input.group.id) return refused('not_found');
	if (head.deleted_at) return refused('closed');
	let quotedAuthor: string | null = null;
	if (input.quotedReplyId) {
		const quoted = await replyHead(db, input.quotedReplyId);
		if (!quoted || quoted.thread_id !== head.id || quoted.deleted_at) return refused('bad_quote');
		quotedAuthor = quoted.author_id;
	}
	const body = input.body.trim();
	const saved = await insertOnce(
		db,
		'replies',
		{ thread_id: head.id, author_id: actor.id, body, quoted_reply_id: input.quotedReplyId ?? null },
		{ thread_id: head.id, author_id: actor.id }
	);
	if (!saved) return refused('forbidden');
	if (!saved.duplicate) {
		const link = threadLink(input.group, head.id, saved.id);
		const a = { group: input.group, actorId: actor.id, title: head.title, link, body };
		await announceReply(db, a, [head.author_id, quotedAuthor]);
	}
	return { ok: true, ...saved };
}

/** Applies an update that RLS and the triggers must allow; false when they refuse. */
async function update(
	db: Db,
	table: 'threads' | 'replies',
	id: string,
	changes: Record<string, string | boolean | null>
): Promise<boolean> {
	const { data, error } = await db.from(table).update(changes).eq('id', id).select('id');
	if (error?.code === '42501') return false;
	if (error) throw new Error(`${table}: ${error.message}`);
	return data.length > 0;
}

export interface ThreadEdit {
	group: GroupRef;
	id: string;
	title: string;
	body: string;
}

/** Changes one's own thread; marks it edited. */
export async function editThread(db: Db, actor: Actor, input: ThreadEdit): Promise<Outcome> {
	if (!checkTitle(input.title)) return refused('invalid', 'title');
	if (!checkBody(input.body)) return refused('invalid', 'body');
	const head = await threadHead(db, input.id);
	if (!head || head.group_id !== input.group.id || head.deleted_at) return refused('not_found');
	if (head.author_id !== actor.id) return refused('forbidden');
	const title = input.title.trim().replace(/\s+/g, ' ');
	const body = input.body.trim();
	if (title === head.title && body === head.body) return { ok: true };
	const changes = { title, body, edited_at: new Date().toISOString() };
	if (!(await update(db, 'threads', head.id, changes))) return refused('forbidden');
	const a = { group: input.group, actorId: actor.id, title, body };
	await announceEdit(db, { ...a, link: threadLink(input.group, head.id) }, head.body);
	return { ok: true };
}

export interface ReplyEdit {
	group: GroupRef;
	id: string;
	body: string;
}

/** Changes one's own reply; marks it edited. */
export async function editReply(db: Db, actor: Actor, input: ReplyEdit): Promise<Outcome> {
	if (!checkBody(input.body)) return refused('invalid', 'body');
	const head = await replyHead(db, input.id);
	if (!head || head.thread.group_id !== input.group.id || head.deleted_at) {
		return refused('not_found');
	}
	if (head.author_id !== actor.id) return refused('forbidden');
	const body = input.body.trim();
	if (body === head.body) return { ok: true };
	const changes = { body, edited_at: new Date().toISOString() };
	if (!(await update(db, 'replies', head.id, changes))) return refused('forbidden');
	const link = threadLink(input.group, head.thread_id, head.id);
	const a = { group: input.group, actorId: actor.id, title: head.thread.title, link, body };
	await announceEdit(db, a, head.body);
	return { ok: true };
}

export interface Removal {
	group: GroupRef;
	id: string;
}

/** Deletes one's own thread: its replies stay readable, its words are shown as removed. */
export async function deleteThread(db: Db, actor: Actor, input: Removal): Promise<Outcome> {
	const head = await threadHead(db, input.id);
	if (!head || head.group_id !== input.group.id) return refused('not_found');
	if (head.author_id !== actor.id) return refused('forbidden');
	if (head.deleted_at) return { ok: true };
	const done = await update(db, 'threads', head.id, { deleted_at: new Date().toISOString() });
	return done ? { ok: true } : refused('forbidden');
}

/** Deletes one's own reply; the thread keeps its place with "removed" in its stead. */
export async function deleteReply(db: Db, actor: Actor, input: Removal): Promise<Outcome> {
	const head = await replyHead(db, input.id);
	if (!head || head.thread.group_id !== input.group.id) return refused('not_found');
	if (head.author_id !== actor.id) return refused('forbidden');
	if (head.deleted_at) return { ok: true };
	const done = await update(db, 'replies', head.id, { deleted_at: new Date().toISOString() });
	return done ? { ok: true } : refused('forbidden');
}
