import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { forUser } from '../platform/supabase.ts';
import {
	buildDocument,
	buildGroup,
	buildMembership,
	buildUser,
	useTestDatabase
} from '../testing/world.ts';
import * as mydata from './index.ts';

// Deleting an account also takes the person out of what is not their own row: the search
// vocabulary (their name's words, unless someone else's name still has them), the Yjs state of
// documents and their versions (suggestion ids carry id and name), others' notifications about
// them; their comments stay, without an author.

const db = useTestDatabase({ rest: true });

function withSuggestions(people: { id: string; name: string }[]) {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	const text = new Y.XmlText('Rutin för mottagning.');
	paragraph.insert(0, [text]);
	doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
	people.forEach((p, i) =>
		text.insert(5 + i, ` ${i}`, { insertion: { id: `${p.id}|n${i}|${p.name}` } })
	);
	return Y.encodeStateAsUpdate(doc);
}

const holds = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const words = async (word: string) =>
	(await db.sql`select audience from erfa.search_words where word = ${word}`).length;

async function scene() {
	const group = await buildGroup(db.sql);
	const hedvig = await buildUser(db.sql, { name: 'Hedvig Zetterqvist' });
	const erik = await buildUser(db.sql, { name: 'Erik Zetterqvist' });
	for (const user of [hedvig, erik])
		await buildMembership(db.sql, { groupId: group.id, userId: user.id });
	const { id } = await buildDocument(db.sql, group.id, { paragraphs: ['x'], createdBy: hedvig.id });
	await db.sql`update erfa_private.document_states set state = ${withSuggestions([hedvig])}
		where document_id = ${id}`;
	// A later update and a version, both with her suggestion in them.
	await store.append(db.sql, id, withSuggestions([erik, hedvig]));
	await db.sql`insert into public.document_versions (document_id, kind, status, state, size_bytes, created_by)
		values (${id}, 'named', 'draft', ${withSuggestions([hedvig, erik])}, 1, ${hedvig.id})`;
	const [comment] =
		await db.sql`insert into public.document_comments (document_id, author_id, body, anchor)
		values (${id}, ${hedvig.id}, 'Hedvigs fråga', '{}') returning id`;
	await db.sql`insert into public.document_comments (document_id, parent_id, author_id, body)
		values (${id}, ${comment!.id}, ${erik.id}, 'Eriks svar')`;
	await db.sql`insert into public.notifications (user_id, kind, title, link, actor_id, group_id)
		values (${erik.id}, 'reply', 'Hedvig Zetterqvist svarade', '/groups', ${hedvig.id}, ${group.id})`;
	return { group, hedvig, erik, documentId: id };
}

describe('what a deleted account leaves behind', () => {
	it('leaves neither name nor id in the vocabulary, the documents, versions or REST', async () => {
		const { hedvig, erik, documentId } = await scene();
		expect(await words('hedvig')).toBeGreaterThan(0);
		expect(await mydata.erase(db.sql, hedvig.id, { removeContent: false })).toBe(true);

		expect(await words('hedvig')).toBe(0);
		expect(await words('zetterqvist')).toBeGreaterThan(0); // Erik's name still has it
		const { state } = await store.load(db.sql, documentId);
		const stored = await db.sql`select state as bytes from erfa_private.document_states
			union all select update from erfa_private.document_updates
			union all select state from public.document_versions`;
		for (const bytes of [state, ...stored.map((r) => new Uint8Array(r.bytes))]) {
			expect(holds(bytes, hedvig.id)).toBe(false);
			expect(holds(bytes, 'Hedvig')).toBe(false);
		}
		expect(holds(state, `${erik.id}|n0|Erik Zetterqvist`)).toBe(true);
		expect(holds(state, 'former|n1|Tidigare medlem')).toBe(true);

		const rest = await forUser(db.rest, erik.id);
		const versions = await rest
			.from('document_versions')
			.select('state, created_by')
			.eq('document_id', documentId);
		expect(versions.data).toHaveLength(1);
		expect(JSON.stringify(versions.data)).not.toContain(Buffer.from(hedvig.id).toString('hex'));
		expect(versions.data![0]!.created_by).toBeNull();
		const comments = await rest
			.from('document_comments')
			.select('author_id, body')
			.eq('document_id', documentId)
			.order('created_at');
		expect(comments.data).toEqual([
			{ author_id: null, body: 'Hedvigs fråga' },
			{ author_id: erik.id, body: 'Eriks svar' }
		]);
		const inbox = await rest.from('notifications').select('title');
		expect(JSON.stringify(inbox.data)).not.toContain('Hedvig');
	});
});
