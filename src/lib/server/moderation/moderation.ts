import { m } from '../../paraglide/messages.js';
import { sql, type Db } from '$lib/server/platform';
import { content, contents, TABLES, type Content, type Target } from './content.ts';
import { emit } from '$lib/server/notifications';
import type { QueuedReport, QueueItem } from '../../moderation/types.ts';
export type { QueuedReport, QueueItem };

// Reporting posts, hiding them with a reason, and the queue of open reports. Everything goes
// through the caller's supabase client: RLS decides who may file, read and settle reports, and
// the guard_hiding trigger refuses hiding by anyone but the group's coordinators and admins.
// Only the notification to the author is written with the privileged pool (as emit requires).

export const REASON_MIN = 3;
export const limits = { report: 2000, hide: 1000 } as const;

export type ReportResult = 'reported' | 'already_reported' | 'not_found';
export type HideResult = 'hidden' | 'already_hidden' | 'forbidden' | 'not_found';
export type UnhideResult = 'unhidden' | 'forbidden' | 'not_found';
export type SettleResult = 'done' | 'already_decided' | 'forbidden';

interface Actor {
	id: string;
	role: string;
}

function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}

/** The group behind a moderation page, if the caller can see it. */
export async function groupBySlug(
	db: Db,
	slug: string
): Promise<{ id: string; slug: string; name: string } | null> {
	const { data, error } = await db
		.from('groups')
		.select('id, slug, name')
		.eq('slug', slug)
		.maybeSingle();
	if (error) failed('moderation.groupBySlug', error);
	return data;
}

/** Coordinators of the group and administrators may moderate it. */
export async function canModerate(db: Db, actor: Actor, groupId: string): Promise<boolean> {
	if (actor.role === 'admin') return true;
	const { data, error } = await db
		.from('group_members')
		.select('role')
		.eq('group_id', groupId)
		.eq('user_id', actor.id)
		.eq('role', 'coordinator')
		.maybeSingle();
	if (error?.code === '22P02') return false;
	if (error) failed('moderation.canModerate', error);
	return data !== null;
}

/**
 * Files a report about a post the reporter can see. `groupId`, when given, must be the post's
 * group (a form cannot point a report at another group's queue).
 */
export async function report(
	db: Db,
	input: { reporterId: string; target: Target; groupId?: string; reason: string }
): Promise<ReportResult> {
	const post = await content(db, input.target);
	if (!post || (input.groupId && input.groupId !== post.groupId)) return 'not_found';
	const { error } = await db.from('moderation_reports').insert({
		reporter_id: input.reporterId,
		group_id: post.groupId,
		target_type: post.type,
		target_id: post.id,
		reason: input.reason.trim()
	});
	// One open report per person and post (unique index): a second one, or a double submit.
	if (error?.code === '23505') return 'already_reported';
	if (error?.code === '42501') return 'not_found';
	if (error) failed('moderation.report', error);
	return 'reported';
}

async function setHidden(db: Db, post: Content, reason: string | null) {
	let query = db
		.from(TABLES[post.type])
		.update({ hidden_at: reason === null ? null : new Date().toISOString(), hidden_reason: reason })
		.eq('id', post.id);
	// Only the first of two moderators hiding at once hides (and notifies the author).
	query = reason === null ? query.not('hidden_at', 'is', null) : query.is('hidden_at', null);
	const { data, error } = await query.select('id');
	if (error?.code === '42501') return 'forbidden' as const;
	if (error) failed('moderation.setHidden', error);
	return data.length > 0 ? ('changed' as const) : ('unchanged' as const);
}

/** Hides a post with a reason, settles its open reports and tells the author why. */
export async function hide(
	db: Db,
	target: Target,
	reason: string,
	actor: Actor
): Promise<HideResult> {
	const post = await content(db, target);
	if (!post) return 'not_found';
	if (!(await canModerate(db, actor, post.groupId))) return 'forbidden';
	const outcome = await setHidden(db, post, reason.trim());
	if (outcome === 'forbidden') return 'forbidden';
	if (outcome === 'unchanged') {
		// Someone else hid it a moment ago, or RLS let no row through for this person.
		return (await content(db, target))?.hiddenAt ? 'already_hidden' : 'forbidden';
	}
	await settle(db, actor, { target, status: 'resolved' });
	if (post.authorId) await tellAuthor(post, reason.trim(), actor.id, post.authorId);
	return 'hidden';
}

export async function unhide(db: Db, target: Target, actor: Actor): Promise<UnhideResult> {
	const post = await content(db, target);
	if (!post) return 'not_found';
	if (!(await canModerate(db, actor, post.groupId))) return 'forbidden';
	const outcome = await setHidden(db, post, null);
	return outcome === 'forbidden' ? 'forbidden' : 'unhidden';
}

async function tellAuthor(post: Content, reason: string, actorId: string, authorId: string) {
	// The sentence is rendered in the author's language when read; the title is its fallback.
	await emit(sql(), {
		kind: 'content_hidden',
		groupId: post.groupId,
		actorId,
		title: m.moderation_hidden_notification({ title: post.title, reason }, { locale: 'sv' }),
		params: { title: post.title, reason },
		link: post.link,
		to: [authorId]
	});
}

/** Marks the open reports about a post as resolved (acted on) or dismissed (nothing to do). */
export async function settle(
	db: Db,
	actor: Actor,
	input: { target: Target; status: 'resolved' | 'dismissed'; groupId?: string | null }
): Promise<SettleResult> {
	let query = db
		.from('moderation_reports')
		.update({
			status: input.status,
			resolved_by: actor.id,
			resolved_at: new Date().toISOString()
		})
		.eq('target_type', input.target.type)
		.eq('target_id', input.target.id)
		.eq('status', 'open');
	if (input.groupId) query = query.eq('group_id', input.groupId);
	const { data, error } = await query.select('id');
	if (error?.code === '42501') return 'forbidden';
	if (error?.code === '22P02') return 'already_decided';
	if (error) failed('moderation.settle', error);
	return data.length > 0 ? 'done' : 'already_decided';
}

export const resolve = (db: Db, actor: Actor, target: Target, groupId?: string | null) =>
	settle(db, actor, { target, status: 'resolved', groupId });

export const dismiss = (db: Db, actor: Actor, target: Target, groupId?: string | null) =>
	settle(db, actor, { target, status: 'dismissed', groupId });

interface ReportRow {
	id: string;
	target_type: Target['type'];
	target_id: string;
	reason: string;
	created_at: string;
	reporter: { name: string } | null;
	group: { id: string; slug: string; name: string };
}

/**
 * Open reports, one entry per reported post with its excerpt and link, oldest first. Pass a
 * group id for one group's queue, or null for all groups (administrators). RLS shows only what
 * the caller may moderate, plus their own reports: routes check the right first.
 */
export async function queue(db: Db, groupId: string | null, max = 200): Promise<QueueItem[]> {
	let query = db
		.from('moderation_reports')
		.select(
			'id, target_type, target_id, reason, created_at, reporter:profiles!reporter_id(name), group:groups(id, slug, name)'
		)
		.eq('status', 'open');
	if (groupId) query = query.eq('group_id', groupId);
	const { data, error } = await query.order('created_at').order('id').limit(max);
	if (error) failed('moderation.queue', error);
	const items = new Map<string, QueueItem>();
	for (const row of data as unknown as ReportRow[]) {
		const key = `${row.target_type}:${row.target_id}`;
		const item = items.get(key) ?? {
			target: { type: row.target_type, id: row.target_id },
			group: row.group,
			content: null,
			reports: []
		};
		item.reports.push({
			id: row.id,
			reason: row.reason,
			createdAt: row.created_at,
			reporterName: row.reporter?.name ?? null
		});
		items.set(key, item);
	}
	await attachContents(db, [...items.values()]);
	return [...items.values()];
}

async function attachContents(db: Db, items: QueueItem[]) {
	for (const type of ['experience', 'thread', 'reply'] as const) {
		const ids = items.filter((i) => i.target.type === type).map((i) => i.target.id);
		const found = new Map((await contents(db, type, ids)).map((c) => [c.id, c]));
		for (const item of items) {
			if (item.target.type === type) item.content = found.get(item.target.id) ?? null;
		}
	}
}
