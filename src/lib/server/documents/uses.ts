import type { Db } from '$lib/server/platform';

// "Vi använder detta": organizations record that they use a published document, since when and
// how it went, so good models can be seen travelling between municipalities. People record
// uses for their own organization only (RLS); the list is as public as the document.

export interface Use {
	organization: { id: string; slug: string; name: string };
	since: string;
	note: string;
	updatedAt: string;
}

export interface UsedDocument {
	document: { id: string; title: string; kind: string };
	since: string;
	note: string;
}

export interface UseInput {
	since: string;
	note: string;
}

type Row = Record<string, unknown>;

export async function list(db: Db, documentId: string): Promise<Use[]> {
	const { data, error } = await db
		.from('document_uses')
		.select('since, note, updated_at, organization:organizations(id, slug, name)')
		.eq('document_id', documentId)
		.order('since', { ascending: true });
	if (error) throw new Error(`uses: ${error.message}`);
	return (data as Row[]).map(toUse);
}

/** A use row with its organization (as PostgREST and public.document_page give it). */
export const toUse = (r: Row): Use => ({
	organization: r.organization as Use['organization'],
	since: r.since as string,
	note: r.note as string,
	updatedAt: r.updated_at as string
});

/** The published documents an organization uses (those the caller may read). */
export async function ofOrganization(db: Db, organizationId: string): Promise<UsedDocument[]> {
	const { data, error } = await db
		.from('document_uses')
		.select('since, note, document:documents!inner(id, title, kind)')
		.eq('organization_id', organizationId)
		.order('since', { ascending: false });
	if (error) throw new Error(`uses: ${error.message}`);
	return (data as Row[]).map((r) => ({
		document: r.document as UsedDocument['document'],
		since: r.since as string,
		note: r.note as string
	}));
}

export type Recorded = { ok: true } | { ok: false; reason: 'not_allowed' };

/** Records the use by the person's own organization, or updates what it said before. */
export async function record(
	db: Db,
	person: { id: string; organizationId: string },
	documentId: string,
	input: UseInput
): Promise<Recorded> {
	const { error } = await db.from('document_uses').insert({
		document_id: documentId,
		organization_id: person.organizationId,
		since: input.since,
		note: input.note,
		recorded_by: person.id
	});
	if (error?.code === '23505') return update(db, person.organizationId, documentId, input);
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) throw new Error(`uses: ${error.message}`);
	return { ok: true };
}

async function update(
	db: Db,
	organizationId: string,
	documentId: string,
	input: UseInput
): Promise<Recorded> {
	const { data, error } = await db
		.from('document_uses')
		.update({ since: input.since, note: input.note, updated_at: new Date().toISOString() })
		.eq('document_id', documentId)
		.eq('organization_id', organizationId)
		.select('document_id');
	if (error) throw new Error(`uses: ${error.message}`);
	return data.length ? { ok: true } : { ok: false, reason: 'not_allowed' };
}

export async function remove(db: Db, documentId: string, organizationId: string): Promise<boolean> {
	const { data, error } = await db
		.from('document_uses')
		.delete()
		.eq('document_id', documentId)
		.eq('organization_id', organizationId)
		.select('document_id');
	if (error) throw new Error(`uses: ${error.message}`);
	return data.length > 0;
}
