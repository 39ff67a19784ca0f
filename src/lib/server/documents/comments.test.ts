import { beforeAll, describe, expect, it } from 'vitest';
import * as documents from './index.ts';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser } from '../testing/world.ts';
import * as comments from './comments.ts';

const db = useTestDatabase({ rest: true });
type Person = { id: string; db: Db };
let anna: Person; // member, wrote the document
let erik: Person; // member
let olle: Person; // not a member of the closed group
let documentId: string;
let groupId: string;

const validAnchor = comments.anchor.parse({
	start: { type: { client: 12, clock: 3 }, assoc: 0 },
	end: { item: { client: 12, clock: 9 }, assoc: -1 }
});

beforeAll(async () => {
	const person = async (name: string) => {
		const user = await buildUser(db.sql, { name });
		return { id: user.id, db: await forUser(db.rest, user.id) };
	};
	anna = await person('Anna Lind');
	erik = await person('Erik Berg');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'member'],
			[erik.id, 'member']
		]
	});
	groupId = group.id;
	const created = await documents.create(anna.db, { id: anna.id, organizationId: null }, groupId, {
		kind: 'model',
		title: 'Modell för välkomstsamtal',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
});

const doc = () => ({ id: documentId, groupId });
const start = (person: Person, body: string) =>
	comments.createThread(person.db, person.id, documentId, {
		anchor: validAnchor,
		quote: 'välkomstsamtal',
		body
	});

describe('anchors', () => {
	it('accept Yjs relative positions and refuse anything else', () => {
		expect(comments.anchor.safeParse(validAnchor).success).toBe(true);
		const named = { start: { tname: 'default' }, end: { tname: 'default', assoc: -1 } };
		expect(comments.anchor.safeParse(named).success).toBe(true);
		const refused = [
			{ start: {}, end: validAnchor.end },
			{ start: { ...validAnchor.start, script: '<x>' }, end: validAnchor.end },
			{ start: { type: { client: -1, clock: 0 } }, end: validAnchor.end },
			{ start: validAnchor.start, end: { tname: 'default', assoc: 7 } },
			'start..end',
			null
		];
		for (const value of refused) expect(comments.anchor.safeParse(value).success).toBe(false);
	});
});

describe('threads', () => {
	it('start on a stretch of text and gather replies, oldest first', async () => {
		const first = await start(anna, 'Ska vi **korta** det här?');
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect((await comments.reply(erik.db, erik.id, documentId, first.id, 'Ja!')).ok).toBe(true);
		const [thread] = (await comments.list(erik.db, doc())).filter((t) => t.id === first.id);
		expect(thread).toMatchObject({
			quote: 'välkomstsamtal',
			anchor: validAnchor,
			author: { id: anna.id, name: 'Anna Lind' },
			html: '<p>Ska vi <strong>korta</strong> det här?</p>',
			resolvedAt: null
		});
		expect(thread!.replies.map((r) => [r.author?.name, r.body])).toEqual([['Erik Berg', 'Ja!']]);
	});

	it('highlights mentions of the group’s members and finds whom they mention', async () => {
		const members = [
			{ id: anna.id, name: 'Anna Lind' },
			{ id: erik.id, name: 'Erik Berg' }
		];
		expect(comments.mentioned('Vad tycker @Erik Berg?', members)).toEqual([erik.id]);
		expect(comments.mentioned('Skriv till erik@berg.se', members)).toEqual([]);
		const created = await start(anna, 'Hej @Erik Berg');
		if (!created.ok) throw new Error('not created');
		const thread = (await comments.list(anna.db, doc())).find((t) => t.id === created.id);
		expect(thread?.html).toContain('<span class="mention">@Erik Berg</span>');
	});

	it('are resolved and reopened by the document’s writers, with who did it', async () => {
		const created = await start(anna, 'Fel årtal');
		if (!created.ok) throw new Error('not created');
		expect(await comments.setResolved(erik.db, erik.id, documentId, created.id, true)).toEqual({
			ok: true
		});
		let thread = (await comments.list(anna.db, doc())).find((t) => t.id === created.id);
		expect(thread?.resolvedBy).toEqual({ id: erik.id, name: 'Erik Berg' });
		expect(thread?.resolvedAt).not.toBeNull();
		expect((await comments.setResolved(anna.db, anna.id, documentId, created.id, false)).ok).toBe(
			true
		);
		thread = (await comments.list(anna.db, doc())).find((t) => t.id === created.id);
		expect(thread).toMatchObject({ resolvedAt: null, resolvedBy: null });
	});

	it('let authors edit their own words only, and remove them', async () => {
		const created = await start(anna, 'Första utkast');
		if (!created.ok) throw new Error('not created');
		expect(await comments.edit(erik.db, erik.id, documentId, created.id, 'Kapat')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await comments.edit(anna.db, anna.id, documentId, created.id, 'Andra utkast')).toEqual({
			ok: true
		});
		const edited = (await comments.list(anna.db, doc())).find((t) => t.id === created.id);
		expect(edited).toMatchObject({ body: 'Andra utkast' });
		expect(edited?.editedAt).not.toBeNull();
		expect(await comments.remove(erik.db, documentId, created.id)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await comments.remove(anna.db, documentId, created.id)).toEqual({ ok: true });
		expect(await comments.remove(anna.db, documentId, created.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('row-level security', () => {
	it('hides a closed group’s draft comments from non-members and refuses theirs', async () => {
		const created = await start(anna, 'Bara för gruppen');
		if (!created.ok) throw new Error('not created');
		expect(await comments.list(olle.db, doc())).toEqual([]);
		expect(await start(olle, 'Jag också')).toEqual({ ok: false, reason: 'not_allowed' });
		expect(await comments.reply(olle.db, olle.id, documentId, created.id, 'Hallå')).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await comments.setResolved(olle.db, olle.id, documentId, created.id, true)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const [row] = await db.sql`select count(*)::int as n from public.document_comments
			where author_id = ${olle.id}`;
		expect(row!.n).toBe(0);
	});

	it('lets every signed-in member read and comment once the document is published', async () => {
		await db.sql`update public.documents set status = 'published' where id = ${documentId}`;
		try {
			expect((await comments.list(olle.db, doc())).length).toBeGreaterThan(0);
			const created = await start(olle, 'Vi i Filipstad vill använda den här');
			expect(created.ok).toBe(true);
			if (!created.ok) return;
			// A reader may not resolve someone else's thread, only their own.
			const others = (await comments.list(olle.db, doc())).find((t) => t.author?.id === anna.id);
			expect((await comments.setResolved(olle.db, olle.id, documentId, others!.id, true)).ok).toBe(
				false
			);
			expect((await comments.setResolved(olle.db, olle.id, documentId, created.id, true)).ok).toBe(
				true
			);
		} finally {
			await db.sql`update public.documents set status = 'draft' where id = ${documentId}`;
		}
	});
});
