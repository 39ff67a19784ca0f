import type { Sql } from 'postgres';
import { updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { decodeBlockMarks, SUGGESTION_ATTRIBUTE } from '../../documents/block-suggestions.ts';
import { documentSchema } from '../../documents/schema.ts';
import { authorOf, SUGGESTION_MARKS } from '../../documents/suggestions.ts';
import { toJSON, type PmNode } from './content.ts';
import * as store from './store.ts';

// When an account is deleted, its open suggestions stay in the documents (others may still
// accept them, and text others wrote around or on top of them stays as it is), but they stop
// naming the person: a suggestion id "<user id>|<nonce>|<name>" becomes
// "former|<nonce>|Tidigare medlem" in the live state and in every stored version. The rewrite
// is a Yjs change made with garbage collection on, and the stored state is replaced by the
// collected one, so the old id is not kept as deleted history either; editors that have the
// document open receive the change like any other.

export const FORMER_ID = 'former';
export const FORMER_NAME = 'Tidigare medlem';

const MARKS = new Set<string>(SUGGESTION_MARKS);

type MarkLike = { type: string; attrs?: Record<string, unknown> | null };

/** Renames the person's suggestion ids among `marks`, in place; true when there were any. */
function renameIn(marks: readonly MarkLike[], userId: string): boolean {
	let changed = false;
	for (const mark of marks) {
		const author = MARKS.has(mark.type) ? authorOf(mark.attrs?.id) : null;
		if (author?.id !== userId) continue;
		const nonce = String(mark.attrs!.id).split('|')[1];
		mark.attrs = { ...mark.attrs, id: `${FORMER_ID}|${nonce}|${FORMER_NAME}` };
		changed = true;
	}
	return changed;
}

/** Renames the person's suggestion marks in place, on text and (as the block attribute that
 * carries them, see block-suggestions.ts) on blocks; true when there were any. */
function renameMarks(node: PmNode, userId: string): boolean {
	let changed = renameIn(node.marks ?? [], userId);
	const onBlock = decodeBlockMarks(node.attrs?.[SUGGESTION_ATTRIBUTE]);
	if (renameIn(onBlock, userId)) {
		node.attrs = { ...node.attrs, [SUGGESTION_ATTRIBUTE]: JSON.stringify(onBlock) };
		changed = true;
	}
	for (const child of node.content ?? []) changed = renameMarks(child, userId) || changed;
	return changed;
}

function* texts(parent: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
	for (const child of parent.toArray()) {
		if (child instanceof Y.XmlText) yield child;
		else if (child instanceof Y.XmlElement) yield* texts(child);
	}
}

function dropFormats(text: Y.XmlText, userId: string, transaction: Y.Transaction) {
	for (let item = text._start; item; item = item.right) {
		if (item.deleted || !(item.content instanceof Y.ContentFormat)) continue;
		const value = item.content.value as { id?: unknown } | null;
		if (authorOf(value?.id)?.id === userId) item.delete(transaction);
	}
}

/** The state without the person's name and id, and the update that made it; null if unchanged. */
export function anonymizeState(state: Uint8Array, userId: string) {
	const doc = store.toDoc(state);
	const json = toJSON(doc);
	if (!renameMarks(json, userId)) return null;
	const before = Y.encodeStateVector(doc);
	const node = documentSchema().nodeFromJSON(json);
	const meta = { mapping: new Map(), isOMark: new Map() };
	doc.transact(() => updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, meta));
	// Changing a format leaves the old value as a format item where the range ends, followed at
	// once by the next value: it formats nothing (the content above no longer shows it), so it
	// is deleted, and garbage collection drops its content.
	doc.transact((transaction) => {
		for (const text of texts(doc.getXmlFragment(FRAGMENT))) dropFormats(text, userId, transaction);
	});
	if (JSON.stringify(toJSON(doc)) !== JSON.stringify(json)) throw new Error('content changed');
	return { state: Y.encodeStateAsUpdate(doc), update: Y.encodeStateAsUpdate(doc, before) };
}

/** Documents whose stored state or versions mention the person's id (bytes, not parsed). */
async function mentioning(sql: Sql, userId: string): Promise<string[]> {
	const needle = Buffer.from(userId);
	const rows = await sql<{ id: string }[]>`
		select document_id as id from erfa_private.document_states where position(${needle} in state) > 0
		union select document_id from erfa_private.document_updates where position(${needle} in update) > 0
		union select document_id from public.document_versions where position(${needle} in state) > 0`;
	return rows.map((r) => r.id);
}

async function rewriteLive(tx: Sql, documentId: string, userId: string) {
	await tx`insert into erfa_private.document_states (document_id, state)
		values (${documentId}, ${Y.encodeStateAsUpdate(new Y.Doc())}) on conflict (document_id) do nothing`;
	await tx`select 1 from erfa_private.document_states where document_id = ${documentId} for update`;
	const current = await store.load(tx, documentId);
	const done = anonymizeState(current.state, userId);
	if (!done) return;
	// As compaction does: the collected state replaces the snapshot and every update in it.
	await tx`update erfa_private.document_states
		set state = ${done.state}, compacted_seq = ${current.seq}, updated_at = now()
		where document_id = ${documentId}`;
	await tx`delete from erfa_private.document_updates
		where document_id = ${documentId} and seq <= ${current.seq}`;
	await store.publish(tx, documentId, done.update);
}

async function rewriteVersions(tx: Sql, documentId: string, userId: string) {
	const versions = await tx<{ id: string; state: Uint8Array }[]>`
		select id, state from public.document_versions where document_id = ${documentId}`;
	for (const version of versions) {
		const done = anonymizeState(new Uint8Array(version.state), userId);
		if (!done) continue;
		await tx`update public.document_versions
			set state = ${done.state}, size_bytes = ${done.state.byteLength} where id = ${version.id}`;
	}
}

/** Takes the person's name and id out of every document's suggestions; how many changed. */
export async function anonymizeSuggestions(sql: Sql, userId: string): Promise<number> {
	const ids = await mentioning(sql, userId);
	for (const documentId of ids) {
		await sql.begin(async (tx) => {
			const t = tx as unknown as Sql;
			// The lock restores and named versions take, so none of them interleaves.
			await t`select pg_advisory_xact_lock(hashtextextended(${`document-versions:${documentId}`}, 0))`;
			await rewriteLive(t, documentId, userId);
			await rewriteVersions(t, documentId, userId);
		});
	}
	return ids.length;
}
