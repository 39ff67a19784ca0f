import type { Sql } from 'postgres';
import type { Db } from '../platform/supabase.ts';

// Co-written documents: their details (kind, title, goals, status, public) go through the
// caller's supabase-js client so row-level security decides; the text itself is Yjs state kept
// by the collaboration server (documents/store.ts). Only `accessOf` is privileged: the
// websocket authenticates with the session cookie and has no JWT.

import type { DocumentKind as Kind, DocumentStatus as Status } from '../../documents/kinds.ts';
/** 'suggest': a reader whose edits may only suggest (the document allows suggestions). */
export type Access = 'write' | 'suggest' | 'read';
type Ref = { id: string; name: string } | null;

export interface DocumentSummary {
	id: string;
	groupId: string;
	kind: Kind;
	title: string;
	summary: string;
	sdgGoals: number[];
	status: Status;
	isPublic: boolean;
	/** Readers who are signed in may suggest changes. */
	allowSuggestions: boolean;
	createdBy: Ref;
	organization: Ref;
	contentUpdatedAt: string;
	publishedAt: string | null;
}

export interface Document extends DocumentSummary {
	group: { id: string; slug: string; name: string; themeId: string | null };
	sizeBytes: number;
	createdAt: string;
}

export interface Details {
	kind: Kind;
	title: string;
	summary: string;
	sdgGoals: number[];
}

const publicColumns =
	'id, group_id, kind, title, summary, sdg_goals, status, is_public, allow_suggestions, ' +
	'content_updated_at, ' +
	'published_at, organization:organizations!documents_organization_id_fkey(id, name)';
// People's names are for signed-in members only (profiles RLS): signed out, no author is named.
const summaryColumns = `${publicColumns}, created_by:profiles!documents_created_by_fkey(id, name)`;
const detailColumns = 'size_bytes, created_at, group:groups(id, slug, name, theme_id)';

type Row = Record<string, unknown>;

export const toSummary = (r: Row): DocumentSummary => ({
	id: r.id as string,
	groupId: r.group_id as string,
	kind: r.kind as Kind,
	title: r.title as string,
	summary: r.summary as string,
	sdgGoals: (r.sdg_goals as number[]) ?? [],
	status: r.status as Status,
	isPublic: r.is_public as boolean,
	allowSuggestions: r.allow_suggestions === true,
	createdBy: (r.created_by as Ref) ?? null,
	organization: (r.organization as Ref) ?? null,
	contentUpdatedAt: r.content_updated_at as string,
	publishedAt: r.published_at as string | null
});

export function toDocument(r: Row): Document {
	const group = r.group as { id: string; slug: string; name: string; theme_id: string | null };
	return {
		...toSummary(r),
		group: { id: group.id, slug: group.slug, name: group.name, themeId: group.theme_id },
		sizeBytes: r.size_bytes as number,
		createdAt: r.created_at as string
	};
}

function failed(error: { message: string }): never {
	throw new Error(`documents: ${error.message}`);
}

export async function listForGroup(db: Db, groupId: string): Promise<DocumentSummary[]> {
	const { data, error } = await db
		.from('documents')
		.select(summaryColumns)
		.eq('group_id', groupId)
		.order('content_updated_at', { ascending: false })
		.limit(200);
	if (error) failed(error);
	return (data as Row[]).map(toSummary);
}

/** The document, or null when it does not exist or the caller may not read it. */
export async function get(db: Db, id: string, signedIn = true): Promise<Document | null> {
	if (!isId(id)) return null;
	const columns = `${signedIn ? summaryColumns : publicColumns}, ${detailColumns}`;
	const { data, error } = await db.from('documents').select(columns).eq('id', id).maybeSingle();
	if (error) failed(error);
	return data ? toDocument(data as unknown as Row) : null;
}

export type CreateResult = { ok: true; id: string } | { ok: false; reason: 'not_allowed' };

export async function create(
	db: Db,
	author: { id: string; organizationId: string | null },
	groupId: string,
	details: Details
): Promise<CreateResult> {
	const { data, error } = await db
		.from('documents')
		.insert({
			group_id: groupId,
			kind: details.kind,
			title: details.title,
			summary: details.summary,
			sdg_goals: details.sdgGoals,
			created_by: author.id,
			organization_id: author.organizationId
		})
		.select('id')
		.single();
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }).id };
}

export type UpdateResult = { ok: true } | { ok: false; reason: 'not_allowed' | 'not_found' };

async function update(db: Db, id: string, values: Row): Promise<UpdateResult> {
	const { data, error } = await db.from('documents').update(values).eq('id', id).select('id');
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return data.length ? { ok: true } : { ok: false, reason: 'not_found' };
}

export const updateDetails = (db: Db, id: string, details: Details) =>
	update(db, id, {
		kind: details.kind,
		title: details.title,
		summary: details.summary,
		sdg_goals: details.sdgGoals
	});

export const setStatus = (db: Db, id: string, status: Status) => update(db, id, { status });

export const setPublic = (db: Db, id: string, isPublic: boolean) =>
	update(db, id, { is_public: isPublic });

export const setAllowSuggestions = (db: Db, id: string, on: boolean) =>
	update(db, id, { allow_suggestions: on });

export async function remove(db: Db, id: string): Promise<UpdateResult> {
	const { data, error } = await db.from('documents').delete().eq('id', id).select('id');
	if (error) failed(error);
	return data.length ? { ok: true } : { ok: false, reason: 'not_allowed' };
}

/** What a person (or nobody, signed out) may do with a document, decided in the database. */
export async function accessOf(
	sql: Sql,
	documentId: string,
	userId: string | null
): Promise<Access | null> {
	if (!isId(documentId)) return null;
	const [row] = await sql<{ access: Access | null }[]>`
		select erfa_private.document_access(${documentId}, ${userId}) as access`;
	return row?.access ?? null;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (value: string) => ID.test(value);
