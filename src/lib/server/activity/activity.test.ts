import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as activity from './index.ts';
import {
	useTestDatabase,
	buildDocument,
	buildExperience,
	buildGroup,
	buildReply,
	buildThread,
	buildUser
} from '../testing/world.ts';

// The activity feed: the newest experiences, discussions, replies and document edits, with who
// and when, for my groups (home) or one group (its overview). Expected lists are built here from
// what the test wrote, newest first; a closed group's activity must reach its members only.

const db = useTestDatabase({ rest: true });
let anna: Db;
let erik: Db;
let outsider: Db;
const ids = { open: '', closed: '', annaId: '', erikId: '' };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

beforeAll(async () => {
	const [a, e, o] = await Promise.all([
		buildUser(db.sql, { name: 'Anna Lind' }),
		buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' }),
		buildUser(db.sql, { name: 'Olle Ek' })
	]);
	Object.assign(ids, { annaId: a.id, erikId: e.id });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[a.id, 'coordinator']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[a.id, 'member'],
			[e.id, 'coordinator']
		]
	});
	Object.assign(ids, { open: open.id, closed: closed.id });
	await buildExperience(db.sql, open.id, a.id, {
		title: 'Öppen erfarenhet',
		publishedAt: minutesAgo(50)
	});
	await buildExperience(db.sql, open.id, a.id, { title: 'Dold erfarenhet', hidden: true });
	await buildExperience(db.sql, open.id, a.id, { title: 'Utkast', status: 'draft' });
	await buildExperience(db.sql, closed.id, e.id, {
		title: 'Stängd erfarenhet',
		publishedAt: minutesAgo(40)
	});
	const thread = await buildThread(db.sql, closed.id, e.id, { title: 'Stängd tråd' });
	await db.sql`update public.threads set created_at = ${minutesAgo(30)} where id = ${thread.id}`;
	const reply = await buildReply(db.sql, thread.id, a.id);
	await db.sql`update public.replies set created_at = ${minutesAgo(20)} where id = ${reply.id}`;
	await buildReply(db.sql, thread.id, a.id, { deleted: true });
	const doc = await buildDocument(db.sql, open.id, { title: 'Öppet dokument' });
	await db.sql`insert into public.document_contributors (document_id, user_id, last_edited_at)
		values (${doc.id}, ${e.id}, ${minutesAgo(10)})`;
	[anna, erik, outsider] = (await Promise.all([a, e, o].map((u) => forUser(db.rest, u.id)))) as [
		Db,
		Db,
		Db
	];
});

const titles = (items: activity.ActivityItem[]) => items.map((i) => `${i.kind}:${i.title}`);

describe('activity feed', () => {
	it('lists what happened in my groups, newest first, with who and where to read it', async () => {
		const items = await activity.inMyGroups(anna);
		expect(titles(items)).toEqual([
			'document:Öppet dokument',
			'reply:Stängd tråd',
			'thread:Stängd tråd',
			'experience:Stängd erfarenhet',
			'experience:Öppen erfarenhet'
		]);
		expect(items[0]!.actor?.name).toBe('Erik Berg');
		expect(items[1]!.actor?.name).toBe('Anna Lind');
		expect(items[1]!.href).toMatch(/\/discussions\/[0-9a-f-]+#reply-[0-9a-f-]+$/);
		expect(items[4]!.href).toMatch(/^\/groups\/[^/]+\/experiences\/[0-9a-f-]+$/);
	});

	it('keeps to the groups I am in: Erik is not in the open group, so its news is not his', async () => {
		expect(titles(await activity.inMyGroups(erik))).toEqual([
			'reply:Stängd tråd',
			'thread:Stängd tråd',
			'experience:Stängd erfarenhet'
		]);
	});

	it('cuts the list at the size asked for', async () => {
		expect(await activity.inMyGroups(anna, 2)).toHaveLength(2);
	});

	it('shows an open group to any member of the network, and a closed group to nobody outside it', async () => {
		expect(titles(await activity.inGroup(outsider, ids.open))).toEqual([
			'document:Öppet dokument',
			'experience:Öppen erfarenhet'
		]);
		expect(await activity.inGroup(outsider, ids.closed)).toEqual([]);
		expect(await activity.inMyGroups(outsider)).toEqual([]);
		expect(titles(await activity.inGroup(anna, ids.closed))).toHaveLength(3);
	});

	it('gives a signed-out caller nothing: group content is for members', async () => {
		await expect(activity.inGroup(anonymous(db.rest), ids.open)).rejects.toThrow(/activity_feed/);
	});
});

describe('an organization’s work', () => {
	it('shows Ludvika’s groups and documents to members, and a closed group only to those inside', async () => {
		const [ludvika] = await db.sql`select id from public.organizations where slug = 'ludvika'`;
		const seenBy = async (viewer: Db) => {
			const work = await activity.ofOrganization(viewer, ludvika!.id);
			return {
				groups: work.groups.map((g) => g.id),
				documents: work.documents.map((d) => d.title),
				experiences: work.experiences.map((e) => e.title)
			};
		};
		// Erik (Ludvika) is only in the closed group, where he wrote an experience; he wrote in
		// the open group's document. Anna is in the closed group too, so she sees all of it.
		expect(await seenBy(anna)).toEqual({
			groups: [ids.closed],
			documents: ['Öppet dokument'],
			experiences: ['Stängd erfarenhet']
		});
		expect(await seenBy(outsider)).toEqual({
			groups: [],
			documents: ['Öppet dokument'],
			experiences: []
		});
		await expect(activity.ofOrganization(anonymous(db.rest), ludvika!.id)).rejects.toThrow();
	});
});
