import type { Sql } from 'postgres';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import * as Y from 'yjs';
import { FRAGMENT } from '../../../collab/protocol.ts';
import { documentSchema } from '../../../documents/schema.ts';
import type { DocumentKind, DocumentStatus } from '../../../documents/kinds.ts';

// Test documents: a row in public.documents and, when paragraphs are given, their Yjs state.

export interface DocumentOverrides {
	title?: string;
	kind?: DocumentKind;
	status?: DocumentStatus;
	isPublic?: boolean;
	createdBy?: string | null;
	sdgGoals?: number[];
	organizationId?: string | null;
	/** Defaults to now for a published document, none otherwise. */
	publishedAt?: Date | null;
	paragraphs?: string[];
}

export async function buildDocument(
	sql: Sql,
	groupId: string,
	overrides: DocumentOverrides = {}
): Promise<{ id: string }> {
	const status = overrides.status ?? 'draft';
	const [row] = await sql<{ id: string }[]>`
		insert into public.documents (group_id, kind, title, status, is_public, created_by, sdg_goals,
			organization_id, published_at)
		values (${groupId}, ${overrides.kind ?? 'model'}, ${overrides.title ?? 'Modell för samverkan'},
			${status}, ${overrides.isPublic ?? false}, ${overrides.createdBy ?? null},
			${overrides.sdgGoals ?? []}, ${overrides.organizationId ?? null}, ${publishedAt(overrides)})
		returning id`;
	if (overrides.paragraphs) {
		await sql`insert into erfa_private.document_states (document_id, state)
			values (${row!.id}, ${stateOf(overrides.paragraphs)})`;
	}
	return { id: row!.id };
}

const publishedAt = (o: DocumentOverrides) =>
	o.publishedAt !== undefined ? o.publishedAt : o.status === 'published' ? new Date() : null;

/** Yjs state of a document made of these paragraphs. */
export function stateOf(paragraphs: string[]): Uint8Array {
	const json = {
		type: 'doc',
		content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
	};
	return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(documentSchema(), json, FRAGMENT));
}
