import { z } from 'zod';
import * as documents from '$lib/server/documents';
import type { Db } from '$lib/server/platform';
import type { GroupChoice, ResultDocument } from '../../events/types.ts';

// An event's results in co-written documents (public.event_documents): organizers create one
// in one of the event's groups (through the documents domain, so the group's rules for
// documents apply) or link one they can read. A link shows only to those who may read the
// document (RLS on the link reads the documents under the caller's own rights).

export type { ResultDocument };
export type Linked = { ok: true; id: string } | { ok: false; reason: 'not_allowed' | 'duplicate' };

const isId = (id: string) => z.uuid().safeParse(id).success;

function failed(error: { message: string }): never {
	throw new Error(`event results: ${error.message}`);
}

/** The results documents the caller may read, oldest link first. */
export async function list(db: Db, eventId: string): Promise<ResultDocument[]> {
	const { data, error } = await db
		.from('event_documents')
		.select('id, document:documents(id, title, status)')
		.eq('event_id', eventId)
		.order('created_at');
	if (error) failed(error);
	type Row = { id: string; document: Omit<ResultDocument, 'linkId'> | null };
	return (data as unknown as Row[]).flatMap((r) =>
		r.document ? [{ linkId: r.id, ...r.document }] : []
	);
}

/** Documents of these groups that the caller can read, for "link an existing document". */
export async function candidates(
	db: Db,
	groupIds: string[]
): Promise<{ id: string; title: string; group: string }[]> {
	if (!groupIds.length) return [];
	const { data, error } = await db
		.from('documents')
		.select('id, title, group:groups(name)')
		.in('group_id', groupIds)
		.order('title')
		.limit(200);
	if (error) failed(error);
	type Row = { id: string; title: string; group: { name: string } | null };
	return (data as unknown as Row[]).map((r) => ({
		id: r.id,
		title: r.title,
		group: r.group?.name ?? ''
	}));
}

export async function link(
	db: Db,
	userId: string,
	eventId: string,
	documentId: string
): Promise<Linked> {
	if (!isId(documentId)) return { ok: false, reason: 'not_allowed' };
	const { data, error } = await db
		.from('event_documents')
		.insert({ event_id: eventId, document_id: documentId, created_by: userId })
		.select('id')
		.single();
	if (error?.code === '23505') return { ok: false, reason: 'duplicate' };
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }).id };
}

/** Creates the results document in `group` and links it; the document is removed again when
 * the link is refused, so nothing is left half-made. */
export async function create(
	db: Db,
	author: { id: string; organizationId: string | null },
	event: { id: string; sdgGoals: number[] },
	group: GroupChoice,
	text: { title: string; summary: string }
): Promise<Linked> {
	const title = text.title.slice(0, 200);
	const made = await documents.create(db, author, group.id, {
		kind: 'minutes',
		title,
		summary: text.summary.slice(0, 500),
		sdgGoals: event.sdgGoals
	});
	if (!made.ok) return { ok: false, reason: 'not_allowed' };
	const linked = await link(db, author.id, event.id, made.id);
	if (!linked.ok) await documents.remove(db, made.id);
	return linked.ok ? { ok: true, id: made.id } : linked;
}

export async function unlink(db: Db, eventId: string, linkId: string): Promise<boolean> {
	if (!isId(linkId)) return false;
	const { data, error } = await db
		.from('event_documents')
		.delete()
		.eq('event_id', eventId)
		.eq('id', linkId)
		.select('id');
	if (error) failed(error);
	return data.length > 0;
}
