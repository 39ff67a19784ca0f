import type { Sql } from 'postgres';
import * as Y from 'yjs';

// Where a document's Yjs state lives: a compacted snapshot (erfa_private.document_states) and
// the updates appended since (erfa_private.document_updates). Privileged code only: the
// collaboration server, and actions that change content outside it (import, restore).
// Updates are Yjs v1 updates; merging them is associative and idempotent, so the order in
// which processes append does not matter.

export interface StoredState {
	/** Snapshot and every later update, merged into one Yjs update. */
	state: Uint8Array;
	/** The newest update sequence number contained in `state` (0 when none). */
	seq: number;
}

/** The NOTIFY channel on which a document's updates and awareness travel between processes. */
export const documentChannel = (documentId: string) => `erfa_doc_${documentId.replaceAll('-', '')}`;

/** The NOTIFY channel telling collaboration servers that rights may have changed. */
export const ACCESS_CHANNEL = 'erfa_collab_access';

export async function load(sql: Sql, documentId: string): Promise<StoredState> {
	const [snapshot] = await sql<{ state: Uint8Array; compacted_seq: string }[]>`
		select state, compacted_seq from erfa_private.document_states where document_id = ${documentId}`;
	const after = snapshot ? Number(snapshot.compacted_seq) : 0;
	const updates = await sql<{ seq: string; update: Uint8Array }[]>`
		select seq, update from erfa_private.document_updates
		where document_id = ${documentId} and seq > ${after} order by seq`;
	const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)];
	return {
		state: parts.length ? Y.mergeUpdates(parts.map(toBytes)) : Y.encodeStateAsUpdate(new Y.Doc()),
		seq: updates.length ? Number(updates.at(-1)!.seq) : after
	};
}

/** Updates stored after `seq`, for a process catching up on a "stored" notice. */
export async function updatesAfter(sql: Sql, documentId: string, seq: number) {
	const rows = await sql<{ seq: string; update: Uint8Array }[]>`
		select seq, update from erfa_private.document_updates
		where document_id = ${documentId} and seq > ${seq} order by seq`;
	return rows.map((r) => ({ seq: Number(r.seq), update: toBytes(r.update) }));
}

/** Appends one (possibly merged) update; returns its sequence number. */
export async function append(sql: Sql, documentId: string, update: Uint8Array): Promise<number> {
	const [row] = await sql<{ seq: string }[]>`
		insert into erfa_private.document_updates (document_id, update)
		values (${documentId}, ${update}) returning seq`;
	return Number(row.seq);
}

/**
 * Appends an update made outside the collaboration server (import, restore) and tells every
 * process that has the document open to fetch it, so connected editors receive it at once.
 */
export async function publish(sql: Sql, documentId: string, update: Uint8Array): Promise<number> {
	const seq = await append(sql, documentId, update);
	await sql`select pg_notify(${documentChannel(documentId)}, ${JSON.stringify({ kind: 'stored', seq })})`;
	return seq;
}

/**
 * Folds the appended updates into the snapshot. Safe with several processes: the snapshot row
 * is locked, and only updates read inside the transaction are deleted.
 */
export async function compact(sql: Sql, documentId: string): Promise<StoredState> {
	return sql.begin(async (tx) => {
		await tx`insert into erfa_private.document_states (document_id, state)
			values (${documentId}, ${Y.encodeStateAsUpdate(new Y.Doc())})
			on conflict (document_id) do nothing`;
		await tx`select 1 from erfa_private.document_states where document_id = ${documentId} for update`;
		const current = await load(tx as unknown as Sql, documentId);
		await tx`update erfa_private.document_states
			set state = ${current.state}, compacted_seq = ${current.seq}, updated_at = now()
			where document_id = ${documentId}`;
		await tx`delete from erfa_private.document_updates
			where document_id = ${documentId} and seq <= ${current.seq}`;
		return current;
	});
}

/** A Y.Doc holding a stored state, for reading on the server. */
export function toDoc(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	Y.applyUpdate(doc, state);
	return doc;
}

// postgres.js returns bytea as Buffer; Yjs wants plain Uint8Array views.
const toBytes = (value: Uint8Array) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
