import { z } from 'zod';
import { withLock, type Db } from '$lib/server/platform';
import { check, toColumns, type Columns, type ExperienceInput } from './rules.ts';
import type { Person, Row, Status, ExperienceSummary } from '../../experiences/types.ts';
import type { SdgTarget } from '../../agenda2030/types.ts';

export type { SdgTarget, ExperienceSummary };

// Experience reports ("erfarenheter") of a group. Every read and write goes through the caller's
// supabase-js client: row-level security decides who sees drafts, closed groups' reports and
// hidden ones, and who may edit. The database keeps the edit history by trigger, so no path here
// can skip it; rules.ts keeps bad input from reaching the database at all.

export interface Experience extends ExperienceSummary {
	background: string;
	actions: string;
	results: string;
	lessons: string;
	contactPerson: string | null;
	sdgTargets: string[];
	hiddenAt: string | null;
	hiddenReason: string | null;
	revision: number;
	createdAt: string;
}

export type SaveResult =
	| { ok: true; id: string; published: boolean; duplicate: boolean }
	| { ok: false; reason: 'invalid'; field: keyof ExperienceInput }
	| { ok: false; reason: 'unknown_organization' | 'not_allowed' | 'not_found' };

function writeFailure(error: { code?: string; message: string }, table = 'experiences') {
	if (error.code === '23503')
		return { ok: false as const, reason: 'unknown_organization' as const };
	if (error.code === '42501') return { ok: false as const, reason: 'not_allowed' as const };
	throw new Error(`${table}: ${error.message}`);
}

const summaryColumns =
	'id, group_id, title, summary, status, shared_with_all, hidden_at, period_start, period_end, ' +
	'sdg_goals, published_at, updated_at, author:profiles!experiences_author_id_fkey(id, name), ' +
	'organization:organizations(id, name)';
const fullColumns =
	`${summaryColumns}, background, actions, results, lessons, contact_person, sdg_targets, ` +
	'hidden_reason, revision, created_at';

const toSummary = (r: Row): ExperienceSummary => ({
	id: r.id as string,
	groupId: r.group_id as string,
	title: r.title as string,
	summary: r.summary as string,
	status: r.status as Status,
	sharedWithAll: r.shared_with_all as boolean,
	hidden: r.hidden_at !== null,
	author: (r.author as Person) ?? null,
	organization: (r.organization as Person) ?? null,
	periodStart: r.period_start as string | null,
	periodEnd: r.period_end as string | null,
	sdgGoals: r.sdg_goals as number[],
	publishedAt: r.published_at as string | null,
	updatedAt: r.updated_at as string
});

const toExperience = (r: Row): Experience => ({
	...toSummary(r),
	background: r.background as string,
	actions: r.actions as string,
	results: r.results as string,
	lessons: r.lessons as string,
	contactPerson: r.contact_person as string | null,
	sdgTargets: r.sdg_targets as string[],
	hiddenAt: r.hidden_at as string | null,
	hiddenReason: r.hidden_reason as string | null,
	revision: r.revision as number,
	createdAt: r.created_at as string
});

/** The group's experiences the caller may see: published newest first, then drafts. */
export const PAGE_SIZE = 30;

export interface ExperiencePage {
	items: ExperienceSummary[];
	total: number;
}

/** One page of a group's experiences that the caller may see, newest first. */
export async function listForGroup(
	db: Db,
	groupId: string,
	options: { status?: Status; page?: number; pageSize?: number } = {}
): Promise<ExperiencePage> {
	const size = options.pageSize ?? PAGE_SIZE;
	const from = (Math.max(1, options.page ?? 1) - 1) * size;
	let query = db
		.from('experiences')
		.select(summaryColumns, { count: 'exact' })
		.eq('group_id', groupId);
	if (options.status) query = query.eq('status', options.status);
	const { data, error, count } = await query
		.order('published_at', { ascending: false, nullsFirst: false })
		.order('updated_at', { ascending: false })
		.range(from, from + size - 1);
	if (error) throw new Error(`experiences: ${error.message}`);
	return { items: (data as unknown as Row[]).map(toSummary), total: count ?? 0 };
}

/** One experience, or null when it does not exist or the caller may not see it. */
export async function get(db: Db, id: string): Promise<Experience | null> {
	if (!z.uuid().safeParse(id).success) return null;
	const { data, error } = await db
		.from('experiences')
		.select(fullColumns)
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`experiences: ${error.message}`);
	return data ? toExperience(data as unknown as Row) : null;
}

// A form sent twice (double click, reload after a slow answer) arrives as two identical
// requests. The author's creations are serialized and an identical report written in the last
// few minutes is taken as the same one, so the second submit finds the first instead of adding.
const duplicateWindowMs = 10 * 60 * 1000;

async function recentTwin(db: Db, authorId: string, groupId: string, cols: Columns) {
	const { data, error } = await db
		.from('experiences')
		.select('id, status, summary, background, actions, results, lessons')
		.eq('group_id', groupId)
		.eq('author_id', authorId)
		.eq('title', cols.title)
		.gte('created_at', new Date(Date.now() - duplicateWindowMs).toISOString());
	if (error) throw new Error(`experiences: ${error.message}`);
	const rows = data as (Pick<
		Columns,
		'summary' | 'background' | 'actions' | 'results' | 'lessons'
	> & {
		id: string;
		status: Status;
	})[];
	return rows.find((r) =>
		(['summary', 'background', 'actions', 'results', 'lessons'] as const).every(
			(k) => r[k] === cols[k]
		)
	);
}

/** Creates a draft, or a published report when `publish` is set. */
export async function create(
	db: Db,
	authorId: string,
	groupId: string,
	input: ExperienceInput,
	options: { publish?: boolean } = {}
): Promise<SaveResult> {
	const checked = await check(db, input);
	if (!checked.ok) return checked;
	const cols = toColumns(checked.data);
	return withLock(`experience-create:${authorId}`, async () => {
		const twin = await recentTwin(db, authorId, groupId, cols);
		if (twin) {
			const published = options.publish && twin.status === 'draft';
			const outcome = published ? await publish(db, twin.id) : null;
			return { ok: true, id: twin.id, published: outcome === 'published', duplicate: true };
		}
		const { data, error } = await db
			.from('experiences')
			.insert({
				...cols,
				group_id: groupId,
				author_id: authorId,
				status: options.publish ? 'published' : 'draft'
			})
			.select('id')
			.single();
		if (error) return writeFailure(error);
		return { ok: true, id: data.id as string, published: !!options.publish, duplicate: false };
	});
}

/** Saves new content; with `publish`, a draft becomes published in the same step. `published`
 * in the answer is true only for the one request that made it so. */
export async function update(
	db: Db,
	id: string,
	input: ExperienceInput,
	options: { publish?: boolean } = {}
): Promise<SaveResult> {
	const checked = await check(db, input);
	if (!checked.ok) return checked;
	const cols = toColumns(checked.data);
	if (options.publish) {
		const first = await db
			.from('experiences')
			.update({ ...cols, status: 'published' })
			.eq('id', id)
			.eq('status', 'draft')
			.select('id');
		if (first.error) return writeFailure(first.error);
		if (first.data.length > 0) return { ok: true, id, published: true, duplicate: false };
	}
	const { data, error } = await db.from('experiences').update(cols).eq('id', id).select('id');
	if (error) return writeFailure(error);
	if (data.length === 0) return { ok: false, reason: 'not_found' };
	return { ok: true, id, published: false, duplicate: false };
}

/** Publishes a draft. Only one of several simultaneous calls gets "published". */
export async function publish(
	db: Db,
	id: string
): Promise<'published' | 'already_published' | 'not_found'> {
	const { data, error } = await db
		.from('experiences')
		.update({ status: 'published' })
		.eq('id', id)
		.eq('status', 'draft')
		.select('id');
	if (error && error.code !== '42501') throw new Error(`experiences: ${error.message}`);
	if (data && data.length > 0) return 'published';
	return (await get(db, id))?.status === 'published' ? 'already_published' : 'not_found';
}

/** Shares a closed group's report with every signed-in member, or stops sharing it. */
export async function setShared(db: Db, id: string, shared: boolean): Promise<boolean> {
	const { data, error } = await db
		.from('experiences')
		.update({ shared_with_all: shared })
		.eq('id', id)
		.select('id');
	if (error && error.code !== '42501') throw new Error(`experiences: ${error.message}`);
	return !!data && data.length > 0;
}

/** All 169 SDG targets in UN order, for choosing those an experience works towards. */
export async function sdgTargets(db: Db): Promise<SdgTarget[]> {
	const { data, error } = await db
		.from('sdg_targets')
		.select('id, goal, text_en')
		.order('goal')
		.order('position');
	if (error) throw new Error(`sdg_targets: ${error.message}`);
	return (data as { id: string; goal: number; text_en: string }[]).map((t) => ({
		id: t.id,
		goal: t.goal,
		text: t.text_en
	}));
}
