import { beforeAll, describe, expect, it } from 'vitest';
import * as discussions from './index.ts';
import { discussionWorld, useTestDatabase, type DiscussionWorld } from '../testing/world.ts';

// Answers and pins: the thread's author or a coordinator marks one answer; only coordinators
// pin. Refusals come from the module and, when it is bypassed, from the database.

const db = useTestDatabase({ rest: true });
let w: DiscussionWorld;
let threadId: string;
let erikReply: string;
let saraReply: string;

async function mustReply(who: DiscussionWorld['anna'], body: string): Promise<string> {
	const r = await discussions.reply(who.db, who.actor, { group: w.open, threadId, body });
	if (!r.ok) throw new Error(`setup: ${r.reason}`);
	return r.id;
}

beforeAll(async () => {
	w = await discussionWorld(db);
	const t = await discussions.createThread(w.anna.db, w.anna.actor, {
		group: w.open,
		title: 'Vem vet?',
		body: 'En fråga'
	});
	if (!t.ok) throw new Error('setup: thread');
	threadId = t.id;
	erikReply = await mustReply(w.erik, 'Ett förslag');
	saraReply = await mustReply(w.sara, 'Ett annat förslag');
});

const answers = () =>
	w.db.sql`select id from public.replies where thread_id = ${threadId} and is_answer order by id`;

describe('marking the answer', () => {
	it('refuses someone who neither wrote the thread nor coordinates', async () => {
		const res = await discussions.markAnswer(w.erik.db, w.erik.actor, {
			group: w.open,
			replyId: erikReply,
			answer: true
		});
		expect(res).toEqual({ ok: false, reason: 'forbidden' });
		const raw = await w.erik.db.from('replies').update({ is_answer: true }).eq('id', erikReply);
		expect(raw.error?.code).toBe('42501');
		expect(await answers()).toHaveLength(0);
	});

	it("lets the thread's author mark an answer", async () => {
		const res = await discussions.markAnswer(w.anna.db, w.anna.actor, {
			group: w.open,
			replyId: erikReply,
			answer: true
		});
		expect(res).toEqual({ ok: true });
		expect(await answers()).toEqual([{ id: erikReply }]);
		const list = await discussions.listThreads(w.anna.db, w.open.id);
		expect(list.threads.find((t) => t.id === threadId)).toMatchObject({
			answered: true,
			replyCount: 2
		});
	});

	it('keeps one answer per thread when a coordinator marks another', async () => {
		const res = await discussions.markAnswer(w.sara.db, w.sara.actor, {
			group: w.open,
			replyId: saraReply,
			answer: true
		});
		expect(res).toEqual({ ok: true });
		expect(await answers()).toEqual([{ id: saraReply }]);
	});

	it('keeps one answer when two replies are marked at the same moment', async () => {
		await Promise.all([
			discussions.markAnswer(w.anna.db, w.anna.actor, {
				group: w.open,
				replyId: erikReply,
				answer: true
			}),
			discussions.markAnswer(w.sara.db, w.sara.actor, {
				group: w.open,
				replyId: saraReply,
				answer: true
			})
		]);
		expect(await answers()).toHaveLength(1);
	});

	it('lets the mark be taken away', async () => {
		const [current] = await answers();
		const res = await discussions.markAnswer(w.anna.db, w.anna.actor, {
			group: w.open,
			replyId: current!.id as string,
			answer: false
		});
		expect(res).toEqual({ ok: true });
		expect(await answers()).toHaveLength(0);
	});
});

describe('pinning', () => {
	it("refuses the thread's own author when not a coordinator", async () => {
		const res = await discussions.pin(w.anna.db, w.anna.actor, {
			group: w.open,
			threadId,
			pinned: true
		});
		expect(res).toEqual({ ok: false, reason: 'forbidden' });
		const raw = await w.anna.db.from('threads').update({ pinned: true }).eq('id', threadId);
		expect(raw.error?.code).toBe('42501');
		const [row] = await w.db.sql`select pinned from public.threads where id = ${threadId}`;
		expect(row!.pinned).toBe(false);
	});

	it('lets a coordinator pin, which puts the thread first, and unpin', async () => {
		const later = await discussions.createThread(w.erik.db, w.erik.actor, {
			group: w.open,
			title: 'Nyare tråd',
			body: 'Senare'
		});
		if (!later.ok) throw new Error('thread');
		const before = await discussions.listThreads(w.erik.db, w.open.id);
		expect(before.threads.map((t) => t.id)).toEqual([later.id, threadId]);
		const pin = { group: w.open, threadId, pinned: true };
		expect(await discussions.pin(w.sara.db, w.sara.actor, pin)).toEqual({ ok: true });
		const after = await discussions.listThreads(w.erik.db, w.open.id);
		expect(after.threads.map((t) => [t.id, t.pinned])).toEqual([
			[threadId, true],
			[later.id, false]
		]);
		const unpin = { ...pin, pinned: false };
		expect(await discussions.pin(w.sara.db, w.sara.actor, unpin)).toEqual({ ok: true });
	});

	it('lets an administrator pin in a group they do not belong to', async () => {
		const pin = { group: w.open, threadId, pinned: true };
		expect(await discussions.pin(w.admin.db, w.admin.actor, pin)).toEqual({ ok: true });
	});
});
