import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as discussions from './index.ts';
import {
	notificationsOf,
	discussionWorld,
	useTestDatabase,
	type DiscussionWorld
} from '../testing/world.ts';

// Who hears about a post (mentions, replies, new threads; closed groups stay closed) and what a
// double-submitted post does (the second identical one within 10 s returns the first).

const db = useTestDatabase({ rest: true });
let w: DiscussionWorld;

beforeAll(async () => {
	w = await discussionWorld(db);
});
beforeEach(async () => {
	await w.db.sql`delete from public.notifications`;
});

const kinds = async (userId: string) => (await notificationsOf(w.db, userId)).map((n) => n.kind);

let count = 0;
// Each thread differs, or the double-submit rule would answer with the previous one.
async function thread(who: DiscussionWorld['anna'], group = w.open, body = 'Text') {
	const title = 'Tråden';
	const t = await discussions.createThread(who.db, who.actor, {
		group,
		title,
		body: `${body} (${++count})`
	});
	if (!t.ok) throw new Error(`setup: ${t.reason}`);
	return t.id;
}

describe('notifications', () => {
	it('tells the group about a new thread, and the mentioned of their mention only', async () => {
		await thread(w.anna, w.open, 'Vi har ett förslag. Vad tycker @Erik Berg? Svara gärna');
		expect(await kinds(w.erik.id)).toEqual(['mention']);
		expect(await kinds(w.sara.id)).toEqual(['thread_created']);
		// Each carries the passage that matters: the sentence with the mention, the opening.
		const [mention] = await notificationsOf(w.db, w.erik.id);
		expect(mention!.params.excerpt).toBe('Vad tycker @Erik Berg?');
		const [created] = await notificationsOf(w.db, w.sara.id);
		expect(created!.params.excerpt).toMatch(/^Vi har ett förslag\. Vad tycker @Erik Berg\?/);
		expect(await kinds(w.anna.id)).toEqual([]);
		expect(await kinds(w.olle.id)).toEqual([]);
	});

	it("tells the thread's author and the quoted author of a reply, mention winning", async () => {
		const t = await thread(w.anna);
		const quoted = await discussions.reply(w.erik.db, w.erik.actor, {
			group: w.open,
			threadId: t,
			body: 'Första svaret'
		});
		if (!quoted.ok) throw new Error('reply');
		await w.db.sql`delete from public.notifications`;
		const r = await discussions.reply(w.sara.db, w.sara.actor, {
			group: w.open,
			threadId: t,
			body: 'Precis, @anna lind!',
			quotedReplyId: quoted.id
		});
		if (!r.ok) throw new Error('reply');
		expect(await kinds(w.anna.id)).toEqual(['mention']);
		expect(await notificationsOf(w.db, w.erik.id)).toEqual([
			{
				kind: 'reply',
				title: 'Tråden',
				link: `/groups/oppen/discussions/${t}#reply-${r.id}`,
				params: { excerpt: 'Precis, @anna lind!' }
			}
		]);
		expect(await kinds(w.sara.id)).toEqual([]);
	});

	it('never tells a non-member about a mention in a closed group', async () => {
		const t = await thread(w.anna, w.closed);
		const r = await discussions.reply(w.sara.db, w.sara.actor, {
			group: w.closed,
			threadId: t,
			body: 'Hej @Erik Berg och @Olle Ek och @Anna Lind'
		});
		expect(r.ok).toBe(true);
		expect(await kinds(w.erik.id)).toEqual([]);
		expect(await kinds(w.olle.id)).toEqual([]);
		expect(await kinds(w.anna.id)).toEqual(['mention']);
	});

	it('tells only newly mentioned members when a post is edited', async () => {
		const t = await thread(w.anna, w.open, 'Hej @Erik Berg');
		await w.db.sql`delete from public.notifications`;
		const edit = await discussions.editThread(w.anna.db, w.anna.actor, {
			group: w.open,
			id: t,
			title: 'Tråden',
			body: 'Hej @Erik Berg och @Sara Holm'
		});
		expect(edit).toEqual({ ok: true });
		expect(await kinds(w.erik.id)).toEqual([]);
		expect(await kinds(w.sara.id)).toEqual(['mention']);
	});
});

describe('double submits', () => {
	it('stores one reply when the same reply arrives several times at once', async () => {
		const t = await thread(w.anna);
		const input = { group: w.open, threadId: t, body: 'Dubbelklick' };
		const results = await Promise.all(
			Array.from({ length: 4 }, () => discussions.reply(w.erik.db, w.erik.actor, input))
		);
		const ids = new Set(results.map((r) => (r.ok ? r.id : r.reason)));
		expect(ids.size).toBe(1);
		expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
		const rows = await w.db.sql`select id from public.replies where thread_id = ${t}`;
		expect(rows).toEqual([{ id: [...ids][0] }]);
		// The thread's author hears about it once.
		expect(await kinds(w.anna.id)).toEqual(['reply']);
	});

	it('stores a different reply, and the same one again once the window has passed', async () => {
		const t = await thread(w.anna);
		const first = await discussions.reply(w.erik.db, w.erik.actor, {
			group: w.open,
			threadId: t,
			body: 'Samma'
		});
		const other = await discussions.reply(w.erik.db, w.erik.actor, {
			group: w.open,
			threadId: t,
			body: 'Annat'
		});
		expect(other).toMatchObject({ ok: true, duplicate: false });
		if (!first.ok) throw new Error('reply');
		await w.db.sql`update public.replies set created_at = now() - interval '11 seconds'
			where id = ${first.id}`;
		const again = await discussions.reply(w.erik.db, w.erik.actor, {
			group: w.open,
			threadId: t,
			body: 'Samma'
		});
		expect(again).toMatchObject({ ok: true, duplicate: false });
		const rows = await w.db.sql`select 1 from public.replies where thread_id = ${t}`;
		expect(rows).toHaveLength(3);
	});

	it('stores one thread when the same thread is submitted twice', async () => {
		const input = { group: w.open, title: 'Dubbel tråd', body: 'Samma text' };
		const results = await Promise.all(
			Array.from({ length: 4 }, () => discussions.createThread(w.erik.db, w.erik.actor, input))
		);
		expect(new Set(results.map((r) => (r.ok ? r.id : r.reason))).size).toBe(1);
		const rows = await w.db.sql`select 1 from public.threads where title = 'Dubbel tråd'`;
		expect(rows).toHaveLength(1);
		expect(await kinds(w.sara.id)).toEqual(['thread_created']);
	});
});
