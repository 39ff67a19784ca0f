import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import * as documents from '$lib/server/documents';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser } from '$lib/server/testing/world';
import { actions } from './+page.server';

// The document page's actions: details, status (with its version and notice), "public" and
// suggestions from readers.

const db = useTestDatabase({ rest: true });
type Person = { user: SessionUser; db: Db };
let cora: Person; // coordinator
let erik: Person; // member
let olle: Person; // outside the group
let documentId: string;

beforeAll(async () => {
	const person = async (name: string): Promise<Person> => {
		const built = await buildUser(db.sql, { name });
		const user = { id: built.id, name, role: 'member', organizationId: null, emailVerified: true };
		return { user: user as SessionUser, db: await forUser(db.rest, built.id) };
	};
	cora = await person('Cora Samordnare');
	erik = await person('Erik Berg');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[cora.user.id, 'coordinator'],
			[erik.user.id, 'member']
		]
	});
	const created = await documents.create(erik.db, erik.user, group.id, {
		kind: 'model',
		title: 'Modell för samverkan',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
});

type Action = (event: never) => Promise<unknown>;

async function submit(action: Action, who: Person, fields: [string, string][]) {
	const body = new FormData();
	for (const [k, v] of fields) body.append(k, v);
	const url = new URL(`http://erfa.test/docs/${documentId}`);
	const event = {
		url,
		request: new Request(url, { method: 'POST', body }),
		params: { id: documentId },
		locals: { user: who.user, session: null, supabase: who.db }
	};
	try {
		return await action(event as never);
	} catch (e) {
		if (isHttpError(e)) return { httpStatus: e.status };
		throw e;
	}
}

const current = async () =>
	(
		await db.sql`select status, is_public, title, sdg_goals from public.documents
		where id = ${documentId}`
	)[0]!;

describe('status', () => {
	it('lets members send a draft to review, recording a version and telling the group', async () => {
		expect(await submit(actions.status, erik, [['status', 'review']])).toEqual({ saved: 'status' });
		expect((await current()).status).toBe('review');
		const versions = await db.sql`select kind, status, created_by from public.document_versions
			where document_id = ${documentId}`;
		expect(versions).toEqual([{ kind: 'status', status: 'review', created_by: erik.user.id }]);
		const told = await db.sql`select user_id, kind, link from public.notifications
			where kind = 'document_status'`;
		expect(told).toEqual([
			{ user_id: cora.user.id, kind: 'document_status', link: `/docs/${documentId}` }
		]);
	});

	it('leaves publishing and unpublishing to coordinators', async () => {
		const refused = await submit(actions.status, erik, [['status', 'published']]);
		expect(isActionFailure(refused) && refused.status).toBe(403);
		expect((await current()).status).toBe('review');
		expect(await submit(actions.status, cora, [['status', 'published']])).toEqual({
			saved: 'status'
		});
		const back = await submit(actions.status, erik, [['status', 'draft']]);
		expect(isActionFailure(back) && back.status).toBe(403);
		expect((await current()).status).toBe('published');
		const invalid = await submit(actions.status, cora, [['status', 'archived']]);
		expect(isActionFailure(invalid) && invalid.status).toBe(400);
	});

	it('lets only coordinators make the document public', async () => {
		const refused = await submit(actions.public, erik, [['public', 'true']]);
		expect(isActionFailure(refused) && refused.status).toBe(403);
		expect(await submit(actions.public, cora, [['public', 'true']])).toEqual({ saved: 'public' });
		expect((await current()).is_public).toBe(true);
	});
});

describe('details', () => {
	it('saves valid details and explains invalid ones', async () => {
		const invalid = await submit(actions.details, erik, [
			['title', 'x'],
			['kind', 'model']
		]);
		expect(isActionFailure(invalid) && invalid.status).toBe(400);
		const saved = await submit(actions.details, erik, [
			['title', 'Modell för samverkan i Bergslagen'],
			['kind', 'process'],
			['summary', ''],
			['sdg', '11'],
			['sdg', '8']
		]);
		expect(saved).toEqual({ saved: 'details' });
		expect(await current()).toMatchObject({
			title: 'Modell för samverkan i Bergslagen',
			sdg_goals: [8, 11]
		});
	});

	it('refuses readers who are not members, even of a published document', async () => {
		expect(await submit(actions.details, olle, [['title', 'Kapad']])).toEqual({ httpStatus: 403 });
	});
});

describe('suggestions from readers', () => {
	it('lets the editors open the published document to suggestions from readers', async () => {
		expect(await submit(actions.suggestions, olle, [['allow', 'true']])).toEqual({
			httpStatus: 403
		});
		expect(await documents.accessOf(db.sql, documentId, olle.user.id)).toBe('read');
		expect(await submit(actions.suggestions, erik, [['allow', 'true']])).toEqual({
			saved: 'suggestions'
		});
		expect(await documents.accessOf(db.sql, documentId, olle.user.id)).toBe('suggest');
		expect(await documents.accessOf(db.sql, documentId, erik.user.id)).toBe('write');
		expect(await submit(actions.suggestions, cora, [['allow', 'false']])).toEqual({
			saved: 'suggestions'
		});
		expect(await documents.accessOf(db.sql, documentId, olle.user.id)).toBe('read');
	});
});
