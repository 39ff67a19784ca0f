import type { Db } from '$lib/server/platform';
import type { Issue, IssueStatus, NewsletterItem } from '$lib/newsletter/types';
import { cleanIntro, plain } from './render.ts';

// Issues of the newsletter, read and written through the caller's client: RLS lets everyone
// read sent issues (the archive) and administrators write drafts. A sent issue never changes.

const columns =
	'id, subject_sv, subject_en, intro_sv, intro_en, items, status, created_at, sent_at';

export interface Row {
	id: string;
	subject_sv: string;
	subject_en: string;
	intro_sv: string;
	intro_en: string;
	items: NewsletterItem[];
	status: IssueStatus;
	created_at: string;
	sent_at: string | null;
}

export function toIssue(r: Row): Issue {
	return {
		id: r.id,
		subjectSv: r.subject_sv,
		subjectEn: r.subject_en,
		introSv: r.intro_sv,
		introEn: r.intro_en,
		items: r.items,
		status: r.status,
		createdAt: r.created_at,
		sentAt: r.sent_at
	};
}

function failed(error: { message: string }): never {
	throw new Error(`newsletter: ${error.message}`);
}

export interface IssueInput {
	subjectSv: string;
	subjectEn: string;
	introSv: string;
	introEn: string;
	items: NewsletterItem[];
}

export type Saved = { ok: true; id: string } | { ok: false; reason: 'empty' | 'not_allowed' };

/** True when the issue has something to say: an introduction or at least one item. */
export function hasContent(input: Pick<IssueInput, 'introSv' | 'items'>): boolean {
	return input.items.length > 0 || plain(cleanIntro(input.introSv)).length > 0;
}

function toRow(input: IssueInput) {
	return {
		subject_sv: input.subjectSv.trim(),
		subject_en: input.subjectEn.trim(),
		intro_sv: cleanIntro(input.introSv),
		intro_en: cleanIntro(input.introEn),
		items: input.items,
		updated_at: new Date().toISOString()
	};
}

/** Creates (id null) or saves a draft. An issue with nothing in it is refused, not stored. */
export async function save(
	db: Db,
	userId: string,
	id: string | null,
	input: IssueInput
): Promise<Saved> {
	if (!hasContent(input)) return { ok: false, reason: 'empty' };
	const query = id
		? db.from('newsletter_issues').update(toRow(input)).eq('id', id).select('id')
		: db
				.from('newsletter_issues')
				.insert({ ...toRow(input), created_by: userId })
				.select('id');
	const { data, error } = await query;
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	const row = (data as { id: string }[])[0];
	return row ? { ok: true, id: row.id } : { ok: false, reason: 'not_allowed' };
}

export async function get(db: Db, id: string): Promise<Issue | null> {
	const { data, error } = await db.from('newsletter_issues').select(columns).eq('id', id);
	if (error?.code === '22P02') return null;
	if (error) failed(error);
	const row = (data as Row[])[0];
	return row ? toIssue(row) : null;
}

/** Sent issues, newest first: the public archive. */
export async function archive(db: Db): Promise<Issue[]> {
	const { data, error } = await db
		.from('newsletter_issues')
		.select(columns)
		.eq('status', 'sent')
		.order('sent_at', { ascending: false })
		.limit(100);
	if (error) failed(error);
	return (data as Row[]).map(toIssue);
}

/** Drafts and issues being sent (administrators only see any). */
export async function unsent(db: Db): Promise<Issue[]> {
	const { data, error } = await db
		.from('newsletter_issues')
		.select(columns)
		.neq('status', 'sent')
		.order('created_at', { ascending: false })
		.limit(50);
	if (error) failed(error);
	return (data as Row[]).map(toIssue);
}

export async function remove(db: Db, id: string): Promise<boolean> {
	const { data, error } = await db.from('newsletter_issues').delete().eq('id', id).select('id');
	if (error) failed(error);
	return (data as unknown[]).length > 0;
}
