import type { Sql } from 'postgres';
import * as Y from 'yjs';
import { accepted, plainText, toJSON } from './content.ts';

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

type Part = { seq: string; data: Uint8Array; snapshot: boolean };

/**
 * The snapshot and the updates not folded into it, read in one statement: a compaction that
 * commits between two separate reads could otherwise hide the updates it folded away.
 * Compaction deletes exactly the updates it folded, so every remaining row is newer content,
 * whatever its sequence number (numbers are handed out before commit, so a slow append can
 * land below one already folded).
 */
async function parts(sql: Sql, documentId: string, after = 0, also = 0): Promise<Part[]> {
	// Past `after`, the caller has the snapshot's content already: only its number is needed.
	return sql<Part[]>`
		select compacted_seq as seq, case when ${after} = 0 then state else ''::bytea end as data,
			true as snapshot
		from erfa_private.document_states where document_id = ${documentId}
		union all
		select seq, update, false from erfa_private.document_updates
		where document_id = ${documentId} and (seq > ${after} or seq = ${also})
		order by snapshot desc, seq`;
}

function merged(rows: Part[]): StoredState & { seqs: number[] } {
	const updates = rows.filter((r) => !r.snapshot);
	return {
		state: rows.length
			? Y.mergeUpdates(rows.map((r) => toBytes(r.data)))
			: Y.encodeStateAsUpdate(new Y.Doc()),
		seq: rows.reduce((max, r) => Math.max(max, Number(r.seq)), 0),
		seqs: updates.map((r) => Number(r.seq))
	};
}

export async function load(sql: Sql, documentId: string): Promise<StoredState> {
	const { state, seq } = merged(await parts(sql, documentId));
	return { state, seq };
}

/** Updates stored after `seq`, for a process catching up on a "stored" notice. */
export async function updatesAfter(sql: Sql, documentId: string, seq: number) {
	const rows = await sql<{ seq: string; update: Uint8Array }[]>`
		select seq, update from erfa_private.document_updates
		where document_id = ${documentId} and seq > ${seq} order by seq`;
	return rows.map((r) => ({ seq: Number(r.seq), update: toBytes(r.update) }));
}

/**
 * What a process holding every update up to `seq` lacks: the later updates (and `announced`,
 * the one a notice named, which may have a lower number than some already seen), or the whole
 * state when a compaction has folded some of them into the snapshot meanwhile.
 */
export async function since(
	sql: Sql,
	documentId: string,
	seq: number,
	announced = 0
): Promise<StoredUpdates> {
	const rows = await parts(sql, documentId, seq, announced);
	const snapshot = rows.find((r) => r.snapshot);
	if (seq === 0 || (snapshot && Number(snapshot.seq) > seq)) {
		// Some of what is missing was folded into the snapshot: read everything.
		const whole = seq === 0 ? merged(rows) : merged(await parts(sql, documentId));
		return { updates: [whole.state], seq: whole.seq };
	}
	const updates = rows.filter((r) => !r.snapshot);
	return {
		updates: updates.map((r) => toBytes(r.data)),
		seq: updates.reduce((max, r) => Math.max(max, Number(r.seq)), seq)
	};
}

export interface StoredUpdates {
	updates: Uint8Array[];
	/** The newest sequence number they contain (at least the `seq` asked for). */
	seq: number;
}

/** Appends one (possibly merged) update; returns its sequence number. */
export async function append(sql: Sql, documentId: string, update: Uint8Array): Promise<number> {
	const [row] = await sql<{ seq: string }[]>`
		insert into erfa_private.document_updates (document_id, update)
		values (${documentId}, ${update}) returning seq`;
	return Number(row!.seq);
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
 * is locked, and only the updates read inside the transaction are deleted.
 */
export async function compact(sql: Sql, documentId: string): Promise<StoredState> {
	return sql.begin(async (tx) => {
		await tx`insert into erfa_private.document_states (document_id, state)
			values (${documentId}, ${Y.encodeStateAsUpdate(new Y.Doc())})
			on conflict (document_id) do nothing`;
		await tx`select 1 from erfa_private.document_states where document_id = ${documentId} for update`;
		const current = merged(await parts(tx as unknown as Sql, documentId));
		await tx`update erfa_private.document_states
			set state = ${current.state}, compacted_seq = ${current.seq}, updated_at = now()
			where document_id = ${documentId}`;
		await tx`delete from erfa_private.document_updates
			where document_id = ${documentId} and seq = any(${current.seqs}::bigint[])`;
		return { state: current.state, seq: current.seq };
	});
}

/** A Y.Doc holding a stored state, for reading on the server. */
export function toDoc(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	Y.applyUpdate(doc, state);
	return doc;
}

// postgres.js returns bytea as Buffer; Yjs wants plain Uint8Array views.
const toBytes = (value: Uint8Array) =>
	new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** Writes what search and lists read from the document row: its plain text and size. */
export async function writeContent(sql: Sql, documentId: string, doc: Y.Doc): Promise<Uint8Array> {
	const state = Y.encodeStateAsUpdate(doc);
	await sql`update public.documents
		set content_text = ${plainText(await accepted(toJSON(doc)))}, size_bytes = ${state.byteLength},
			content_updated_at = now()
		where id = ${documentId}`;
	return state;
}

/** Refreshes the row's text from the stored state, after a change made outside a live room. */
export async function refreshContent(sql: Sql, documentId: string): Promise<void> {
	const { state } = await load(sql, documentId);
	await writeContent(sql, documentId, toDoc(state));
}

/** A Yjs state vector sent as base64, or null when it is not one. */
export function stateVector(base64: string): Uint8Array | null {
	try {
		const bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
		Y.decodeStateVector(bytes);
		return bytes;
	} catch {
		return null;
	}
}

/** Whether `state` holds every change a client had when its Yjs state vector was `covers`. */
export function holds(state: Uint8Array, covers: Uint8Array): boolean {
	const have = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
	for (const [client, clock] of Y.decodeStateVector(covers)) {
		if ((have.get(client) ?? 0) < clock) return false;
	}
	return true;
}

/**
 * Waits, up to `ms`, until the stored state holds the changes a client had (its state vector):
 * an action about content just edited (a named version of a decision) may arrive before the
 * collaboration server has stored the edit. Gives up quietly: the caller then works on what is
 * stored, which is what it would have done without waiting.
 */
export async function whenStored(sql: Sql, documentId: string, covers: Uint8Array, ms = 10_000) {
	const deadline = Date.now() + ms;
	while (!holds((await load(sql, documentId)).state, covers) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
