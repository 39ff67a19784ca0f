import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stillQuoted } from '../../documents/anchors.ts';
import { FRAGMENT } from '../../collab/protocol.ts';
import * as documents from './index.ts';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser } from '../testing/world.ts';
import { toJSON } from './content.ts';
import { toState } from './import.ts';
import { fromMarkdown, toMarkdown } from './markdown.ts';
import * as store from './store.ts';
import * as versions from './versions.ts';

const db = useTestDatabase({ rest: true });
let anna: { id: string; db: Db }; // member of the closed group
let olle: { id: string; db: Db }; // signed in, not a member
let documentId: string;

const contentNow = async () =>
	toMarkdown(toJSON(store.toDoc((await store.load(db.sql, documentId)).state)));

/** Replaces the stored content as an editor would (one update on top of what is stored). */
async function edit(markdown: string) {
	const { state } = await store.load(db.sql, documentId);
	await store.append(
		db.sql,
		documentId,
		await versions.restoreUpdate(state, toState(fromMarkdown(markdown)))
	);
}

beforeAll(async () => {
	const person = async (name: string) => {
		const user = await buildUser(db.sql, { name });
		return { id: user.id, db: await forUser(db.rest, user.id) };
	};
	anna = await person('Anna Lind');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'member']] });
	const created = await documents.create(anna.db, { id: anna.id, organizationId: null }, group.id, {
		kind: 'model',
		title: 'Mottagningsmodell',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
	await store.append(db.sql, documentId, toState(fromMarkdown('# Modell\n\nFörsta texten.')));
});

describe('named versions', () => {
	it('saves the content as it is now under a name, listed newest first with its author', async () => {
		const id = await versions.saveNamed(db.sql, documentId, 'Före mötet', anna.id);
		const [latest] = await versions.list(anna.db, documentId);
		expect(latest).toMatchObject({
			id,
			kind: 'named',
			name: 'Före mötet',
			status: 'draft',
			createdBy: { id: anna.id, name: 'Anna Lind' }
		});
		expect(await versions.saveNamed(db.sql, documentId, 'Före mötet', anna.id)).toBe(id);
		const version = await versions.get(anna.db, documentId, id);
		expect(toMarkdown(versions.contentOf(version!.state))).toBe('# Modell\n\nFörsta texten.');
	});

	it('waits for the edit a decision names when the request outruns it', async () => {
		// The deciding browser already has "Beslutad text"; the server stores it a moment later.
		const { state } = await store.load(db.sql, documentId);
		const browser = new Y.Doc();
		Y.applyUpdate(browser, state);
		const before = Y.encodeStateVector(browser);
		Y.applyUpdate(
			browser,
			await versions.restoreUpdate(state, toState(fromMarkdown('Beslutad text.')))
		);
		const covers = Buffer.from(Y.encodeStateVector(browser)).toString('base64');
		setTimeout(() => {
			void store.append(db.sql, documentId, Y.encodeStateAsUpdate(browser, before));
		}, 300);
		const id = await versions.saveNamed(db.sql, documentId, 'Förslag godkänt', anna.id, {
			covers
		});
		const version = await versions.get(anna.db, documentId, id);
		expect(toMarkdown(versions.contentOf(version!.state))).toBe('Beslutad text.');
		await edit('# Modell\n\nFörsta texten.');
	});
});

describe('restore', () => {
	it('makes the content equal to the version, and can itself be undone', async () => {
		const named = (await versions.list(anna.db, documentId)).find((v) => v.name === 'Före mötet')!;
		await edit('# Modell\n\nAndra texten, helt omskriven.');
		const version = await versions.get(anna.db, documentId, named.id);

		const { versionId } = await versions.restore(db.sql, documentId, version!.state, anna.id);
		expect(await contentNow()).toBe('# Modell\n\nFörsta texten.');

		// The content just before the restore is kept as a 'restore' version…
		const before = await versions.get(anna.db, documentId, versionId!);
		expect(before).toMatchObject({ kind: 'restore', createdBy: { id: anna.id } });
		expect(toMarkdown(versions.contentOf(before!.state))).toBe(
			'# Modell\n\nAndra texten, helt omskriven.'
		);
		// …and restoring it undoes the restore.
		await versions.restore(db.sql, documentId, before!.state, anna.id);
		expect(await contentNow()).toBe('# Modell\n\nAndra texten, helt omskriven.');
	});

	it('keeps comments on text that survives a restore anchored, and only those', async () => {
		await edit('# Modell\n\nVi tar emot nya invånare.\n\nAlla får ett välkomstsamtal.');
		const named = await versions.saveNamed(db.sql, documentId, 'Före ändringen', anna.id);
		await edit('# Modell\n\nVi tar emot nya invånare.\n\nAlla får ett samtal. Extra rad.');
		// Two comments: one on "nya invånare" (unchanged by the restore), one on "Extra rad" (gone).
		const { state } = await store.load(db.sql, documentId);
		const doc = store.toDoc(state);
		const anchorOn = (words: string) => {
			const paragraph = doc
				.getXmlFragment(FRAGMENT)
				.toArray()
				.find((n) => n instanceof Y.XmlElement && n.toString().includes(words)) as Y.XmlElement;
			const text = paragraph.get(0) as Y.XmlText;
			const at = text.toString().indexOf(words);
			return [at, at + words.length].map((i) =>
				Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))
			);
		};
		const kept = anchorOn('nya invånare');
		const gone = anchorOn('Extra rad');

		const version = await versions.get(anna.db, documentId, named);
		await versions.restore(db.sql, documentId, version!.state, anna.id);
		const after = store.toDoc((await store.load(db.sql, documentId)).state);
		const quoted = ([start, end]: Uint8Array[], quote: string) => {
			const [from, to] = [start!, end!].map((r) =>
				Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(r), after)
			);
			if (!from || !to || from.type !== to.type || from.type._item?.deleted) return null;
			const text = (from.type as Y.XmlText).toString().slice(from.index, to.index);
			// As the editor decides (comment-anchors.ts): the quoted words must still be there.
			return stillQuoted(quote, text) ? text : null;
		};
		expect(await contentNow()).toBe(
			'# Modell\n\nVi tar emot nya invånare.\n\nAlla får ett välkomstsamtal.'
		);
		expect(quoted(kept, 'nya invånare')).toBe('nya invånare');
		expect(quoted(gone, 'Extra rad')).toBeNull();
	});

	it('does nothing the second time when the same restore is submitted twice', async () => {
		const target = toState(fromMarkdown('Två gånger'));
		const first = await versions.restore(db.sql, documentId, target, anna.id);
		const count = (await versions.list(anna.db, documentId)).length;
		expect(first.versionId).not.toBeNull();
		expect(await versions.restore(db.sql, documentId, target, anna.id)).toEqual({
			versionId: null
		});
		expect(await versions.list(anna.db, documentId)).toHaveLength(count);
	});

	it('tells every process with the document open, whose editors then hold the version', async () => {
		const { state } = await store.load(db.sql, documentId);
		const editor = store.toDoc(state); // an editor connected before the restore
		const notices: string[] = [];
		const listener = await db.sql.listen(store.documentChannel(documentId), (p) => notices.push(p));
		const target = toState(fromMarkdown('Helt ny version'));
		await versions.restore(db.sql, documentId, target, anna.id);

		await expect.poll(() => notices.length).toBe(1);
		const { seq } = JSON.parse(notices[0]!) as { kind: string; seq: number };
		for (const u of await store.updatesAfter(db.sql, documentId, seq - 1))
			Y.applyUpdate(editor, u.update);
		expect(toMarkdown(toJSON(editor))).toBe('Helt ny version');
		await listener.unlisten();
	});
});

describe('reading versions', () => {
	it('shows nothing to someone who may not read the closed group', async () => {
		const mine = await versions.list(anna.db, documentId);
		expect(mine.length).toBeGreaterThan(0);
		expect(await versions.list(olle.db, documentId)).toEqual([]);
		expect(await versions.get(olle.db, documentId, mine[0]!.id)).toBeNull();
	});

	it('finds nothing for ids that are not ids or not of this document', async () => {
		const [one] = await versions.list(anna.db, documentId);
		expect(await versions.get(anna.db, documentId, 'nej')).toBeNull();
		expect(await versions.get(anna.db, crypto.randomUUID(), one!.id)).toBeNull();
	});
});

describe('compare', () => {
	it('shows blocks added, removed and the words changed inside a block', () => {
		const before = fromMarkdown('# Plan\n\nVi ses på måndag.\n\nTas bort.');
		const after = fromMarkdown('# Plan\n\nVi ses på tisdag.\n\nNytt stycke.\n\nOch ett till.');
		const diff = versions.compare(before, after);
		expect(diff[0]).toMatchObject({
			change: 'same',
			kind: 'heading',
			parts: [{ change: 'same', text: 'Plan' }]
		});
		expect(diff[1]!.change).toBe('changed');
		expect(diff[1]!.parts.filter((p) => p.change !== 'same')).toEqual([
			{ change: 'removed', text: 'måndag' },
			{ change: 'added', text: 'tisdag' }
		]);
		expect(diff.slice(2).map((b) => [b.change, b.parts.map((p) => p.text).join('')])).toEqual([
			['changed', expect.any(String)],
			['added', 'Och ett till.']
		]);
	});

	it('keeps headings, lists, checklists and tables in their form, changes marked inside', () => {
		const before = fromMarkdown(
			'## Steg\n\n- Ring\n  - Boka\n\n1. Först\n\n- [ ] Skicka\n\n| Kommun | Antal |\n| --- | --- |\n| Avesta | 3 |'
		);
		const after = fromMarkdown(
			'## Steg ett\n\n- Ring\n  - Boka tid\n\n1. Först\n\n- [x] Skicka\n\n| Kommun | Antal |\n| --- | --- |\n| Avesta | 4 |'
		);
		const shown = versions.compare(before, after).map((b) => ({
			change: b.change,
			kind: b.kind,
			level: b.level,
			checked: b.checked,
			text: b.parts.map((p) => p.text).join('')
		}));
		expect(shown).toEqual([
			{ change: 'changed', kind: 'heading', level: 2, checked: undefined, text: 'Steg ett' },
			{ change: 'same', kind: 'bullet', level: 1, checked: undefined, text: 'Ring' },
			{ change: 'changed', kind: 'bullet', level: 2, checked: undefined, text: 'Boka tid' },
			{ change: 'same', kind: 'ordered', level: 1, checked: undefined, text: 'Först' },
			{ change: 'changed', kind: 'task', level: 1, checked: true, text: 'Skicka' },
			{ change: 'same', kind: 'row', level: 1, checked: undefined, text: 'Kommun\tAntal' },
			{ change: 'changed', kind: 'row', level: 1, checked: undefined, text: 'Avesta\t34' }
		]);
		const task = versions.compare(before, after).find((b) => b.kind === 'task')!;
		expect(task).toMatchObject({ checked: true, checkedBefore: false });
		const row = versions.compare(before, after).at(-1)!;
		expect(row.cells).toEqual([
			[{ change: 'same', text: 'Avesta' }],
			[
				{ change: 'removed', text: '3' },
				{ change: 'added', text: '4' }
			]
		]);
	});

	it('finds nothing to show when the content is the same', () => {
		const doc = fromMarkdown('Samma\n\n- lista');
		expect(versions.compare(doc, doc).every((b) => b.change === 'same')).toBe(true);
	});
});
