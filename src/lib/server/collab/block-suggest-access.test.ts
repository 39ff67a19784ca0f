import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FRAGMENT } from '../../collab/protocol.ts';
import { acceptedJSONLoading } from '../../documents/accepted.ts';
import { encodeBlockMarks, withBlockMarks } from '../../documents/block-suggestions.ts';
import { documentSchema } from '../../documents/schema.ts';
import { toJSON } from '../documents/content.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { addMember, buildDocument, signedIn, waitFor } from './testing/fixtures.ts';
import { useCollabServer } from './testing/use-server.ts';

// Block-level suggestions (a suggested new paragraph, a suggested removal of a paragraph) with
// the real y-websocket client: a reader who may only suggest sends them as the blocks'
// `suggestion` attribute, the writer gets them live, they are stored and read back as the
// library's block marks after a reload; removing or adding a block for real reaches nobody.

const db = useTestDatabase();
const schema = documentSchema();
const { client } = useCollabServer(db);

const blocks = (doc: Y.Doc) => doc.getXmlFragment(FRAGMENT).toArray() as Y.XmlElement[];
const block = (doc: Y.Doc, index: number) => blocks(doc)[index]!;
const suggestion = (kind: 'insertion' | 'deletion', id: string) =>
	encodeBlockMarks([schema.marks[kind]!.create({ id })])!;

async function openDocument() {
	const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'open' });
	await db.sql`update public.documents set allow_suggestions = true where id = ${documentId}`;
	const member = await signedIn(db.sql);
	const visitor = await signedIn(db.sql, 'Besökare');
	await addMember(db.sql, groupId, member.id);
	const writer = client(documentId, member.token);
	await waitFor(() => writer.synced(), 'writer synced');
	writer.addLine('Vi har en plan.');
	const suggester = client(documentId, visitor.token);
	await waitFor(() => suggester.synced() && suggester.lines().length === 1, 'suggester synced');
	return { documentId, member, writer, suggester, id: `${visitor.id}|n1|Besökare` };
}

describe('block-level suggestions between clients', () => {
	it('reach the writer live and are still block suggestions after a reload', async () => {
		const { documentId, member, writer, suggester, id } = await openDocument();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.setAttribute('suggestion', suggestion('insertion', id));
		paragraph.insert(0, [new Y.XmlText('Ett nytt stycke.')]);
		suggester.doc.getXmlFragment(FRAGMENT).insert(1, [paragraph]);
		block(suggester.doc, 0).setAttribute('suggestion', suggestion('deletion', id));

		await waitFor(() => writer.lines().length === 2, 'new paragraph seen');
		expect(block(writer.doc, 1).getAttribute('suggestion')).toBe(suggestion('insertion', id));
		await waitFor(() => !!block(writer.doc, 0).getAttribute('suggestion'), 'deletion seen');

		// Opened again from what was stored: the marks are back on the blocks, and the accepted
		// text is still the one paragraph.
		await waitFor(async () => {
			const stored = store.toDoc((await store.load(db.sql, documentId)).state);
			return blocks(stored).every((block) => block.getAttribute('suggestion'));
		}, 'stored');
		const reopened = client(documentId, member.token);
		await waitFor(() => reopened.synced() && reopened.lines().length === 2, 'reopened');
		const json = withBlockMarks(toJSON(reopened.doc));
		expect(json.content?.map((block) => block.marks?.[0]?.type)).toEqual(['deletion', 'insertion']);
		const accepted = await acceptedJSONLoading(schema, toJSON(reopened.doc));
		expect(accepted.content).toEqual([
			{ type: 'paragraph', content: [{ type: 'text', text: 'Vi har en plan.' }] }
		]);
	});

	it('refuses a suggest-only reader removing or adding a block for real', async () => {
		const { writer, suggester } = await openDocument();
		suggester.doc.getXmlFragment(FRAGMENT).delete(0, 1);
		suggester.addLine('Klotter.');
		writer.addLine('Efteråt.');
		await waitFor(() => suggester.lines().includes('Efteråt.'), 'suggester follows');
		expect(writer.lines()).toEqual(['Vi har en plan.', 'Efteråt.']);
	});
});
