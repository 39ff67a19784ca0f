import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as results from './results.ts';
import {
	buildDocument,
	buildEvent,
	buildGroup,
	buildUser,
	useTestDatabase
} from '../testing/world.ts';

// A workshop's results in a co-written document linked from the event. Anna coordinates the
// open group of a public workshop and is a member of a closed group; Erik is signed in and
// belongs to neither. Each sees only the links to documents they may read.

const db = useTestDatabase({ rest: true });
let anna: { id: string; organizationId: string | null };
let as: Record<'anna' | 'erik' | 'anon', Db>;
let workshop: { id: string; sdgGoals: number[] };
let open: { id: string; slug: string; name: string };
let closedDoc: string;
let erikId: string;

beforeAll(async () => {
	const a = await buildUser(db.sql);
	const erik = await buildUser(db.sql);
	anna = { id: a.id, organizationId: null };
	erikId = erik.id;
	as = {
		anna: await forUser(db.rest, a.id),
		erik: await forUser(db.rest, erik.id),
		anon: anonymous(db.rest)
	};
	open = await buildGroup(db.sql, { visibility: 'open', members: [[a.id, 'coordinator']] });
	const closed = await buildGroup(db.sql, { visibility: 'closed', members: [[a.id, 'member']] });
	closedDoc = (await buildDocument(db.sql, closed.id, { title: 'Slutna anteckningar' })).id;
	const event = await buildEvent(db.sql, { groupId: open.id, createdBy: a.id, sdgGoals: [11] });
	workshop = { id: event.id, sdgGoals: [11] };
});

describe('results of a workshop', () => {
	it('creates a document in the group, linked from the event, readable as the document is', async () => {
		const text = { title: 'Resultat: Workshop', summary: 'Det här kom vi fram till.' };
		const made = await results.create(as.anna, anna, workshop, open, text);
		expect(made.ok).toBe(true);
		const [doc] = await db.sql`select group_id, kind, title, sdg_goals from public.documents
			where id = ${made.ok ? made.id : ''}`;
		expect(doc).toMatchObject({ group_id: open.id, kind: 'minutes', title: text.title });
		expect(doc!.sdg_goals).toEqual([11]);
		expect((await results.list(as.anna, workshop.id)).map((d) => d.title)).toEqual([text.title]);
		// The document is a draft of an open group: members who are signed in read it, the
		// anonymous key does not, and so does not see the link either.
		expect(await results.list(as.erik, workshop.id)).toHaveLength(1);
		expect(await results.list(as.anon, workshop.id)).toEqual([]);
	});

	it('links an existing document the organizer can read, once; others cannot link', async () => {
		expect(await results.link(as.anna, anna.id, workshop.id, closedDoc)).toMatchObject({
			ok: true
		});
		expect(await results.link(as.anna, anna.id, workshop.id, closedDoc)).toEqual({
			ok: false,
			reason: 'duplicate'
		});
		const titles = (await results.list(as.anna, workshop.id)).map((d) => d.title);
		expect(titles).toContain('Slutna anteckningar');
		// Erik may not read the closed group's document, so its link stays hidden from him.
		const erikSees = (await results.list(as.erik, workshop.id)).map((d) => d.title);
		expect(erikSees).not.toContain('Slutna anteckningar');
		expect(await results.link(as.erik, erikId, workshop.id, closedDoc)).toMatchObject({
			ok: false
		});
	});

	it('refuses a document the organizer cannot read, and unlinks without deleting', async () => {
		const elsewhere = await buildGroup(db.sql, { visibility: 'closed' });
		const hidden = (await buildDocument(db.sql, elsewhere.id)).id;
		expect(await results.link(as.anna, anna.id, workshop.id, hidden)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const [first] = await results.list(as.anna, workshop.id);
		expect(await results.unlink(as.erik, workshop.id, first!.linkId)).toBe(false);
		expect(await results.unlink(as.anna, workshop.id, first!.linkId)).toBe(true);
		const [still] = await db.sql`select count(*)::int as n from public.documents
			where id = ${first!.id}`;
		expect(still!.n).toBe(1);
	});
});
