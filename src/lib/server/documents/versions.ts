import type { Sql } from 'postgres';
import * as Y from 'yjs';
import { contentSchema } from '../../documents/content-schema.ts';
import { FRAGMENT } from '../../collab/protocol.ts';
import type { DocumentStatus as Status } from '../../documents/kinds.ts';
import { isId } from './documents.ts';
import type { Db } from '../platform/supabase.ts';
import { toJSON, type PmNode } from './content.ts';
import * as store from './store.ts';
import type { Change, DiffPart, DiffBlock } from '../../documents/types.ts';
export type { Change, DiffPart, DiffBlock };

// Versions of a document: automatic ones while it is edited (at most hourly), one on every
// status change, named ones, and the state just before a restore. Written with the privileged
// driver because they read the Yjs state; people read them through RLS (list, get). Also here:
// restoring a version as a new change, and comparing a version with the document now.

export type VersionKind = 'auto' | 'status' | 'named' | 'restore';

export const AUTO_INTERVAL_MS = 60 * 60 * 1000;

export interface RecordInput {
	kind: VersionKind;
	name?: string | null;
	userId: string | null;
	/** The state to keep; the stored current state when omitted. */
	state?: Uint8Array;
}

/** Stores a version of the document as it is now (or of `state`); returns its id. */
export async function record(sql: Sql, documentId: string, input: RecordInput): Promise<string> {
	const state = input.state ?? (await store.load(sql, documentId)).state;
	const [row] = await sql<{ id: string }[]>`
		insert into public.document_versions (document_id, kind, name, status, state, size_bytes, created_by)
		select ${documentId}, ${input.kind}, ${input.name ?? null}, d.status, ${state},
			${state.byteLength}, ${input.userId}
		from public.documents d where d.id = ${documentId}
		returning id`;
	return row!.id;
}

/**
 * Records an automatic version when the last version is older than an hour and the content
 * has changed since; the collaboration server calls this after storing edits.
 */
export async function recordAutoIfDue(
	sql: Sql,
	documentId: string,
	state: Uint8Array,
	userId: string | null,
	now = new Date()
): Promise<boolean> {
	const [last] = await sql<{ created_at: Date; state: Uint8Array }[]>`
		select created_at, state from public.document_versions
		where document_id = ${documentId} order by created_at desc limit 1`;
	if (last && now.getTime() - last.created_at.getTime() < AUTO_INTERVAL_MS) return false;
	if (last && Buffer.compare(Buffer.from(last.state), Buffer.from(state)) === 0) return false;
	await record(sql, documentId, { kind: 'auto', userId, state });
	return true;
}

export interface Version {
	id: string;
	kind: VersionKind;
	name: string | null;
	status: Status;
	sizeBytes: number;
	createdAt: string;
	createdBy: { id: string; name: string } | null;
}

const columns =
	'id, kind, name, status, size_bytes, created_at, created_by:profiles!document_versions_created_by_fkey(id, name)';

type Row = Record<string, unknown>;

const toVersion = (r: Row): Version => ({
	id: r.id as string,
	kind: r.kind as VersionKind,
	name: (r.name as string | null) ?? null,
	status: r.status as Status,
	sizeBytes: r.size_bytes as number,
	createdAt: r.created_at as string,
	createdBy: (r.created_by as Version['createdBy']) ?? null
});

function failed(error: { message: string }): never {
	throw new Error(`versions: ${error.message}`);
}

/** A document's versions the caller may read (row-level security decides), newest first. */
export async function list(db: Db, documentId: string, limit = 500): Promise<Version[]> {
	if (!isId(documentId)) return [];
	const { data, error } = await db
		.from('document_versions')
		.select(columns)
		.eq('document_id', documentId)
		.order('created_at', { ascending: false })
		.limit(limit);
	if (error) failed(error);
	return (data as Row[]).map(toVersion);
}

/** One version with its state, or null when it does not exist or the caller may not read it. */
export async function get(
	db: Db,
	documentId: string,
	versionId: string
): Promise<(Version & { state: Uint8Array }) | null> {
	if (!isId(documentId) || !isId(versionId)) return null;
	const { data, error } = await db
		.from('document_versions')
		.select(`${columns}, state`)
		.eq('document_id', documentId)
		.eq('id', versionId)
		.maybeSingle();
	if (error) failed(error);
	if (!data) return null;
	// PostgREST sends bytea as "\x" followed by hex digits.
	const state = new Uint8Array(Buffer.from(String((data as Row).state).slice(2), 'hex'));
	return { ...toVersion(data as Row), state };
}

// One writer at a time per document for named versions and restores, so a double submit
// finds the twin it would create.
const lock = (sql: Sql, documentId: string) =>
	sql`select pg_advisory_xact_lock(hashtextextended(${`document-versions:${documentId}`}, 0))`;

/**
 * Saves the document as it is now under a name (the caller has checked write access). The same
 * name for the same content by the same person within a minute is a double submit: its id again.
 */
export async function saveNamed(
	sql: Sql,
	documentId: string,
	name: string,
	userId: string,
	options: { covers?: string } = {}
) {
	// A named decision is saved as soon as it is made, and may outrun the edit it names.
	const covers = options.covers ? store.stateVector(options.covers) : null;
	if (covers) await store.whenStored(sql, documentId, covers);
	return sql.begin(async (tx) => {
		const t = tx as unknown as Sql;
		await lock(t, documentId);
		const { state } = await store.load(t, documentId);
		const [twin] = await t<{ id: string }[]>`
			select id from public.document_versions
			where document_id = ${documentId} and kind = 'named' and name = ${name}
				and created_by = ${userId} and state = ${state}
				and created_at > now() - interval '1 minute'`;
		return twin?.id ?? record(t, documentId, { kind: 'named', name, userId, state });
	});
}

/**
 * Makes the document's content equal to `target` (a version's state) as one new change, so
 * every collaborator receives it and nobody's history is rewritten. The content just before is
 * kept as a 'restore' version, which can itself be restored to undo. Nothing happens when the
 * content already is the target's (a double submit). Edits others make meanwhile merge as Yjs
 * merges any concurrent change.
 */
export async function restore(
	sql: Sql,
	documentId: string,
	target: Uint8Array,
	userId: string
): Promise<{ versionId: string | null }> {
	return sql.begin(async (tx) => {
		const t = tx as unknown as Sql;
		await lock(t, documentId);
		const current = await store.load(t, documentId);
		const same = JSON.stringify(contentOf(current.state)) === JSON.stringify(contentOf(target));
		if (same) return { versionId: null };
		const versionId = await record(t, documentId, {
			kind: 'restore',
			userId,
			state: current.state
		});
		await store.publish(t, documentId, await restoreUpdate(current.state, target));
		await store.refreshContent(t, documentId);
		return { versionId };
	});
}

/** The update that turns `current` into `target`, changing only what differs. */
export async function restoreUpdate(current: Uint8Array, target: Uint8Array): Promise<Uint8Array> {
	// Loaded at the first restore: the collaboration server records versions with this module
	// and would otherwise hold y-prosemirror's editor code for good (issue 17).
	const { updateYFragment } = await import('y-prosemirror');
	const doc = store.toDoc(current);
	const before = Y.encodeStateVector(doc);
	// The same diff the editor uses to write its own changes into Yjs: what the target shares
	// with the current text keeps its Yjs items, so comments anchored in text that survives the
	// restore stay anchored; only what differs is deleted and inserted.
	const node = contentSchema().nodeFromJSON(contentOf(target));
	// A fresh binding's bookkeeping (y-prosemirror's createEmptyMeta, which it does not export).
	const meta = { mapping: new Map(), isOMark: new Map() };
	doc.transact(() => updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, meta));
	return Y.encodeStateAsUpdate(doc, before);
}

/** A stored state's content as ProseMirror JSON. */
export const contentOf = (state: Uint8Array): PmNode => toJSON(store.toDoc(state));

export { compare } from './compare.ts';
