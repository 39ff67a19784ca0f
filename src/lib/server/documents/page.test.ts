import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { emit, unreadCount } from '$lib/server/notifications';
import { links, radar } from '$lib/server/research';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildResearch,
	buildUser
} from '../testing/world.ts';
import * as documents from './index.ts';
import { comments, uses, versions } from './index.ts';

// The document page in one call (public.document_page): the same as the calls it replaced,
// read as the caller, so a closed group's document gives an outsider nothing.

const db = useTestDatabase({ rest: true });
type Person = { user: SessionUser; db: Db };
let anna: Person; // coordinator of the closed group, edits
let erik: Person; // member
let olle: Person; // outsider
let draftId: string;
let publicId: string;

const anchor = comments.anchor.parse({
	start: { type: { client: 12, clock: 3 }, assoc: 0 },
	end: { item: { client: 12, clock: 9 }, assoc: -1 }
});

async function person(name: string, organizationSlug?: string): Promise<Person> {
	const built = await buildUser(db.sql, { name, organizationSlug });
	const user = { id: built.id, name, role: 'member' as const, organizationId: null };
	return { user: { ...user, emailVerified: true }, db: await forUser(db.rest, built.id) };
}

const event = (id: string, who: Person | null) => ({
	locals: { user: who?.user ?? null, supabase: who?.db ?? anonymous(db.rest) },
	params: { id }
});

/** What the page read before, one call at a time. */
async function separately(who: Db, document: documents.Document, signedIn: boolean) {
	const history = signedIn ? await versions.list(who, document.id, 200) : [];
	return {
		comments: signedIn ? await comments.list(who, document) : [],
		uses: await uses.list(who, document.id),
		radar: signedIn ? await radar.forSubject(who, { document: document.id }, 5) : [],
		links: await links.forTarget(who, {
			kind: 'document',
			groupId: document.groupId,
			documentId: document.id
		}),
		authors: [
			...new Set(
				[document.createdBy, ...history.reverse().map((v) => v.createdBy)]
					.filter((p) => p !== null)
					.map((p) => p.name)
			)
		]
	};
}

async function seed(documentId: string) {
	const thread = await comments.createThread(anna.db, anna.user.id, documentId, {
		anchor,
		quote: 'samverkan',
		body: 'Fråga @Erik Berg om detta'
	});
	if (!thread.ok) throw new Error('thread');
	await comments.reply(erik.db, erik.user.id, documentId, thread.id, 'Klart.');
	for (const userId of [erik.user.id, anna.user.id, erik.user.id]) {
		await versions.record(db.sql, documentId, { kind: 'named', userId });
	}
	await db.sql`insert into public.document_uses (document_id, organization_id, since, note, recorded_by)
		select ${documentId}, o.id, '2026-01-01', 'Vi använder den', ${anna.user.id}
		from public.organizations o where o.slug = 'avesta'`;
	await db.sql`insert into public.research (title) values ('Samverkan i praktiken')`;
	await db.sql`insert into public.research_links (research_id, document_id, status, proposed_by)
		select r.id, ${documentId}, 'confirmed', ${anna.user.id}
		from public.research r where r.title = 'Samverkan i praktiken' limit 1`;
}

beforeAll(async () => {
	anna = await person('Anna Lind', 'avesta');
	erik = await person('Erik Berg');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.user.id, 'coordinator'],
			[erik.user.id, 'member']
		]
	});
	await buildResearch(db.sql, { title: 'Arbete och tillväxt', sdg: [{ goal: 8 }] });
	const own = { createdBy: anna.user.id, sdgGoals: [8], paragraphs: ['Modell för samverkan.'] };
	draftId = (await buildDocument(db.sql, group.id, own)).id;
	publicId = (
		await buildDocument(db.sql, group.id, { ...own, status: 'published', isPublic: true })
	).id;
	for (const id of [draftId, publicId]) await seed(id);
});

describe('documents.page', () => {
	it('gives an editor what the separate calls gave, with the right to manage', async () => {
		const page = await documents.page(event(draftId, anna));
		expect(page).toMatchObject(await separately(anna.db, page.document, true));
		// The document itself comes from the same call, as documents.get reads it.
		expect(page.document).toEqual(await documents.get(anna.db, draftId));
		expect(page.document.createdBy?.name).toBe('Anna Lind');
		expect(page.access).toBe('write');
		expect(page.canManage).toBe(true);
		expect(page.comments[0]!.replies.map((r) => r.body)).toEqual(['Klart.']);
		expect(page.comments[0]!.html).toContain('mention');
		expect(page.authors).toEqual(['Anna Lind', 'Erik Berg']);
		expect(page.uses.map((u) => u.note)).toEqual(['Vi använder den']);
		expect(page.links.map((l) => l.research?.title)).toEqual(['Samverkan i praktiken']);
		expect(page.html).toContain('Modell för samverkan.');
		expect(page.radar.map((h) => h.research.title)).toContain('Arbete och tillväxt');
	});

	it('lets a member edit without managing', async () => {
		const page = await documents.page(event(draftId, erik));
		expect([page.access, page.canManage]).toEqual(['write', false]);
	});

	it('gives a reader of a public document what the separate calls gave', async () => {
		const page = await documents.page(event(publicId, olle));
		expect(page).toMatchObject(await separately(olle.db, page.document, true));
		expect(page.document).toEqual(await documents.get(olle.db, publicId));
		expect([page.access, page.canManage]).toEqual(['read', false]);
		expect(page.uses).toHaveLength(1);
	});

	it('gives signed-out readers the public parts only, without names', async () => {
		const anon = anonymous(db.rest);
		const page = await documents.page(event(publicId, null));
		expect(page).toMatchObject(await separately(anon, page.document, false));
		expect(page.document).toEqual(await documents.get(anon, publicId, false));
		expect(page.document.createdBy).toBeNull();
		expect(page.comments).toEqual([]);
		expect(page.authors).toEqual([]);
		expect(page.uses).toHaveLength(1);
	});

	it('keeps answering signed-out readers once PostgreSQL plans the call generically', async () => {
		// PL/pgSQL plans a statement for its parameters' values five times, then may keep one plan
		// for any value. Such a plan keeps the members-only branch that reads profiles, and anon
		// may not read profiles at all: every call after the fifth on a connection was refused.
		await db.sql.begin(async (tx) => {
			await tx`set local role anon`;
			for (let call = 1; call <= 8; call++) {
				const [row] = await tx`select public.document_page(${publicId}::uuid, null) as page`;
				expect((row!.page as { document: { id: string } }).document.id, `call ${call}`).toBe(
					publicId
				);
			}
		});
	});

	it('gives an outsider of a closed group nothing of its draft', async () => {
		for (const who of [olle, null]) {
			const refused = await documents.page(event(draftId, who)).catch((e: unknown) => e);
			expect(isHttpError(refused, 404)).toBe(true);
			const parts = await documents.pageParts(
				who?.db ?? anonymous(db.rest),
				draftId,
				who?.user.id ?? null
			);
			expect(parts).toMatchObject({
				role: null,
				document: null,
				comments: [],
				members: [],
				uses: [],
				links: []
			});
			expect(parts.authors).toEqual([]);
		}
	});

	it('counts the caller’s unread notifications for the header, and none signed out', async () => {
		await emit(db.sql, {
			kind: 'thread_created',
			groupId: (await documents.get(anna.db, draftId))!.groupId,
			actorId: anna.user.id,
			title: 'Tråd',
			link: '/groups/x/discussions/1',
			to: [erik.user.id]
		});
		const parts = await documents.pageParts(erik.db, draftId, erik.user.id);
		expect(parts.unread).toBe(1);
		expect(await unreadCount(erik.db)).toBe(1);
		expect((await documents.pageParts(anna.db, draftId, anna.user.id)).unread).toBe(0);
		expect((await documents.pageParts(anonymous(db.rest), publicId, null)).unread).toBeNull();
	});
});
