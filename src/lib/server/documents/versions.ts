import type { Sql } from 'postgres';
import * as store from './store.ts';

// Versions of a document: automatic ones while it is edited (at most hourly), one on every
// status change, named ones, and the state just before a restore. Written with the privileged
// driver because they read the Yjs state; people read them through RLS.

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
