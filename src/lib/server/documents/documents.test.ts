import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as documents from './index.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildMembership
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let carl: BuiltUser; // coordinator of the closed group
let erik: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of no group
let admin: BuiltUser;
let closed: { id: string };
let open: { id: string };
const as: Record<string, Db> = {};
const details = {
	kind: 'model' as const,
	title: 'Modell för välkomstsamtal',
	summary: '',
	sdgGoals: [8, 11]
};

beforeAll(async () => {
	carl = await buildUser(db.sql, { name: 'Carl' });
	erik = await buildUser(db.sql, { name: 'Erik', organizationSlug: 'ludvika' });
	olle = await buildUser(db.sql, { name: 'Olle', organizationSlug: 'filipstad' });
	admin = await buildUser(db.sql, { name: 'Admin', role: 'admin' });
	closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[carl.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	open = await buildGroup(db.sql, { visibility: 'open', members: [[carl.id, 'coordinator']] });
	for (const user of [carl, erik, olle, admin]) as[user.name] = await forUser(db.rest, user.id);
});

const creator = (user: BuiltUser) => ({ id: user.id, organizationId: null });

describe('documents', () => {
	it('lets members create documents in their group, and nobody else', async () => {
		const made = await documents.create(as.Erik!, creator(erik), closed.id, details);
		expect(made.ok).toBe(true);
		expect(await documents.create(as.Olle!, creator(olle), closed.id, details)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await documents.create(as.Olle!, creator(olle), open.id, details)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const list = await documents.listForGroup(as.Carl!, closed.id);
		expect(list.map((d) => d.title)).toContain(details.title);
		expect(list.find((d) => d.title === details.title)!.sdgGoals).toEqual([8, 11]);
	});

	it("keeps a closed group's drafts from everyone outside it, through the REST API too", async () => {
		const draft = await buildDocument(db.sql, closed.id, { createdBy: erik.id });
		expect(await documents.get(as.Erik!, draft.id)).not.toBeNull();
		expect(await documents.get(as.Olle!, draft.id)).toBeNull();
		expect(await documents.get(anonymous(db.rest), draft.id, false)).toBeNull();
		expect(await documents.accessOf(db.sql, draft.id, erik.id)).toBe('write');
		expect(await documents.accessOf(db.sql, draft.id, olle.id)).toBeNull();
		expect(await documents.accessOf(db.sql, draft.id, null)).toBeNull();
		expect(await documents.accessOf(db.sql, draft.id, admin.id)).toBe('write');
	});

	it('lets every signed-in member read a published document, and everyone a public one', async () => {
		const published = await buildDocument(db.sql, closed.id, { status: 'published' });
		expect(await documents.get(as.Olle!, published.id)).not.toBeNull();
		expect(await documents.accessOf(db.sql, published.id, olle.id)).toBe('read');
		expect(await documents.get(anonymous(db.rest), published.id, false)).toBeNull();
		expect(await documents.accessOf(db.sql, published.id, null)).toBeNull();
		await db.sql`update public.documents set is_public = true where id = ${published.id}`;
		expect(await documents.get(anonymous(db.rest), published.id, false)).not.toBeNull();
		expect(await documents.accessOf(db.sql, published.id, null)).toBe('read');
	});

	it("gives read-only access to an open group's documents for non-members", async () => {
		const doc = await buildDocument(db.sql, open.id);
		expect(await documents.accessOf(db.sql, doc.id, olle.id)).toBe('read');
		expect(await documents.setStatus(as.Olle!, doc.id, 'review')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('lets members move drafts to review, but only coordinators publish and make public', async () => {
		const doc = await buildDocument(db.sql, closed.id);
		expect(await documents.setStatus(as.Erik!, doc.id, 'review')).toEqual({ ok: true });
		expect(await documents.setStatus(as.Erik!, doc.id, 'published')).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await documents.setStatus(as.Carl!, doc.id, 'published')).toEqual({ ok: true });
		expect(await documents.setPublic(as.Erik!, doc.id, true)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await documents.setPublic(as.Carl!, doc.id, true)).toEqual({ ok: true });
		const [row] =
			await db.sql`select status, is_public, published_at from public.documents where id = ${doc.id}`;
		expect(row).toMatchObject({ status: 'published', is_public: true });
		expect(row!.published_at).toBeInstanceOf(Date);
	});

	it('takes write access away from a removed member and from deactivated people', async () => {
		const doc = await buildDocument(db.sql, closed.id);
		const temp = await buildUser(db.sql);
		await buildMembership(db.sql, { groupId: closed.id, userId: temp.id });
		expect(await documents.accessOf(db.sql, doc.id, temp.id)).toBe('write');
		await db.sql`delete from public.group_members where group_id = ${closed.id} and user_id = ${temp.id}`;
		expect(await documents.accessOf(db.sql, doc.id, temp.id)).toBeNull();
		const gone = await buildUser(db.sql, { deactivated: true });
		await buildMembership(db.sql, { groupId: closed.id, userId: gone.id });
		expect(await documents.accessOf(db.sql, doc.id, gone.id)).toBeNull();
	});

	it('never exposes the Yjs state tables through the REST API', async () => {
		const res = await fetch(`${db.rest.restRoot}/document_updates`, {
			headers: { apikey: db.rest.anonKey, authorization: `Bearer ${db.rest.anonKey}` }
		});
		expect(res.status).toBeGreaterThanOrEqual(400);
	});
});
