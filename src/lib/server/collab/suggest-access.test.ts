import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FRAGMENT } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { addMember, buildDocument, signedIn, waitFor } from './testing/fixtures.ts';
import { useCollabServer } from './testing/use-server.ts';

// A reader of a document that takes suggestions (allow_suggestions): with the real y-websocket
// client, their suggestions reach the others and the store; an edit that changes the accepted
// text reaches neither.

const db = useTestDatabase();
const { client } = useCollabServer(db);

const firstText = (doc: Y.Doc) =>
	(doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The first paragraph as runs of [text, suggestion kind or '']. */
function runs(doc: Y.Doc): [string, string][] {
	const delta = firstText(doc).toDelta() as { insert: string; attributes?: object }[];
	return delta.map((op) => [op.insert, Object.keys(op.attributes ?? {}).join(',')]);
}

const stored = async (documentId: string) =>
	store.toDoc((await store.load(db.sql, documentId)).state);

async function openDocument(allowSuggestions: boolean) {
	const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'open' });
	await db.sql`update public.documents set allow_suggestions = ${allowSuggestions}
		where id = ${documentId}`;
	const member = await signedIn(db.sql);
	const visitor = await signedIn(db.sql, 'Besökare');
	await addMember(db.sql, groupId, member.id);
	const writer = client(documentId, member.token);
	await waitFor(() => writer.synced(), 'writer synced');
	writer.addLine('Vi har en plan.');
	const suggester = client(documentId, visitor.token);
	await waitFor(() => suggester.synced() && suggester.lines().length === 1, 'suggester synced');
	return { documentId, writer, suggester, visitor };
}

describe('a reader of a document that takes suggestions', () => {
	it('sends suggestions to the others and the store, but not changes to the text', async () => {
		const { documentId, writer, suggester, visitor } = await openDocument(true);
		const id = `${visitor.id}|n1|Besökare`;
		firstText(suggester.doc).insert(15, ' Den gäller 2027.', { insertion: { id } });
		firstText(suggester.doc).format(0, 3, { deletion: { id } });
		const expected: [string, string][] = [
			['Vi ', 'deletion'],
			['har en plan.', ''],
			[' Den gäller 2027.', 'insertion']
		];
		await waitFor(() => JSON.stringify(runs(writer.doc)) === JSON.stringify(expected), 'seen');
		await waitFor(
			async () => JSON.stringify(runs(await stored(documentId))) === JSON.stringify(expected),
			'stored'
		);

		// Typing straight into the text is not a suggestion: nobody else gets it.
		suggester.addLine('klotter');
		firstText(suggester.doc).delete(3, 4);
		writer.addLine('efteråt');
		await waitFor(() => suggester.lines().includes('efteråt'), 'suggester follows');
		await waitFor(
			async () => (await stored(documentId)).getXmlFragment(FRAGMENT).length === 2,
			'x'
		);
		expect(writer.lines()).toHaveLength(2);
		expect(writer.lines()).not.toContain('klotter');
		expect(runs(writer.doc)).toEqual(expected);
		expect(runs(await stored(documentId))).toEqual(expected);
	});

	it('is a plain reader when the document does not take suggestions', async () => {
		const { documentId, writer, suggester, visitor } = await openDocument(false);
		const id = `${visitor.id}|n1|Besökare`;
		firstText(suggester.doc).insert(15, ' Förslag.', { insertion: { id } });
		writer.addLine('efteråt');
		await waitFor(
			async () => (await stored(documentId)).getXmlFragment(FRAGMENT).length === 2,
			'x'
		);
		expect(runs(writer.doc)).toEqual([['Vi har en plan.', '']]);
	});
});
