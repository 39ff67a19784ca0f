import { beforeAll, describe, expect, it } from 'vitest';
import * as discussions from './index.ts';
import { discussionWorld, useTestDatabase, type DiscussionWorld } from '../testing/world.ts';
import { anonymous } from '$lib/server/platform';

// Posting and reading: who may write where, and what a non-member of a closed group sees
// (nothing, through the domain module, supabase-js and the plain REST API alike).

const db = useTestDatabase({ rest: true });
let w: DiscussionWorld;
let closedThread: string;
let closedReply: string;

beforeAll(async () => {
	w = await discussionWorld(db);
	const t = await discussions.createThread(w.anna.db, w.anna.actor, {
		group: w.closed,
		title: 'Hemlig tråd',
		body: 'Bara för medlemmar'
	});
	if (!t.ok) throw new Error('setup: thread');
	closedThread = t.id;
	const r = await discussions.reply(w.sara.db, w.sara.actor, {
		group: w.closed,
		threadId: closedThread,
		body: 'Ett svar bara för medlemmar'
	});
	if (!r.ok) throw new Error('setup: reply');
	closedReply = r.id;
});

describe('posting', () => {
	it('lets members of an open group start threads and reply', async () => {
		const t = await discussions.createThread(w.erik.db, w.erik.actor, {
			group: w.open,
			title: '  Hur  gjorde ni? ',
			body: 'Vi **testade** något.'
		});
		expect(t).toMatchObject({ ok: true, duplicate: false });
		if (!t.ok) return;
		const r = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.open,
			threadId: t.id,
			body: 'Så här!'
		});
		expect(r.ok).toBe(true);
		const [row] = await w.db.sql`select title, author_id from public.threads where id = ${t.id}`;
		expect(row).toEqual({ title: 'Hur gjorde ni?', author_id: w.erik.id });
		const replies = await w.db.sql`select author_id from public.replies where thread_id = ${t.id}`;
		expect(replies).toEqual([{ author_id: w.anna.id }]);
	});

	it('lets members of a closed group post and read with author names and organizations', async () => {
		const detail = await discussions.thread(w.anna.db, closedThread);
		expect(detail?.title).toBe('Hemlig tråd');
		expect(detail?.html).toBe('<p>Bara för medlemmar</p>');
		expect(detail?.author).toMatchObject({ id: w.anna.id, name: 'Anna Lind' });
		expect(detail?.author.organization).toBeTruthy();
		expect(detail?.replies.map((r) => r.author.name)).toEqual(['Sara Holm']);
	});

	it('refuses empty or too long input without storing anything', async () => {
		const before = await w.db.sql`select count(*)::int as n from public.threads`;
		expect(
			await discussions.createThread(w.anna.db, w.anna.actor, {
				group: w.open,
				title: 'ab',
				body: 'x'
			})
		).toEqual({ ok: false, reason: 'invalid', field: 'title' });
		expect(
			await discussions.createThread(w.anna.db, w.anna.actor, {
				group: w.open,
				title: 'Rubrik',
				body: '   '
			})
		).toEqual({ ok: false, reason: 'invalid', field: 'body' });
		const after = await w.db.sql`select count(*)::int as n from public.threads`;
		expect(after).toEqual(before);
	});

	it('does not let a reply quote a reply of another thread', async () => {
		const other = await discussions.createThread(w.anna.db, w.anna.actor, {
			group: w.closed,
			title: 'En annan tråd',
			body: 'Text'
		});
		if (!other.ok) throw new Error('thread');
		const r = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.closed,
			threadId: other.id,
			body: 'Citat från fel tråd',
			quotedReplyId: closedReply
		});
		expect(r).toEqual({ ok: false, reason: 'bad_quote' });
	});

	it('shows a quoted reply with its author and a short excerpt', async () => {
		const r = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.closed,
			threadId: closedThread,
			body: 'Håller med',
			quotedReplyId: closedReply
		});
		expect(r.ok).toBe(true);
		const detail = await discussions.thread(w.anna.db, closedThread);
		const last = detail!.replies.at(-1)!;
		expect(last.quote).toEqual({
			id: closedReply,
			available: true,
			authorName: 'Sara Holm',
			excerpt: 'Ett svar bara för medlemmar',
			deleted: false
		});
	});
});

describe('a closed group seen from outside', () => {
	it('shows a non-member no threads and no replies through the domain module', async () => {
		expect((await discussions.listThreads(w.erik.db, w.closed.id)).threads).toEqual([]);
		expect(await discussions.thread(w.erik.db, closedThread)).toBeNull();
	});

	it('shows a non-member nothing through supabase-js', async () => {
		const threads = await w.erik.db.from('threads').select('id').eq('group_id', w.closed.id);
		expect(threads.data).toEqual([]);
		const replies = await w.erik.db.from('replies').select('id').eq('id', closedReply);
		expect(replies.data).toEqual([]);
	});

	it('shows anonymous callers nothing through the REST API', async () => {
		for (const table of ['threads', 'replies']) {
			const res = await fetch(`${w.rest.target.restRoot}/${table}?select=*`, {
				headers: { apikey: w.rest.target.anonKey, authorization: `Bearer ${w.rest.target.anonKey}` }
			});
			const body = (await res.json()) as unknown;
			expect(Array.isArray(body) ? body : []).toEqual([]);
			expect(JSON.stringify(body)).not.toContain('medlemmar');
		}
		const anon = anonymous(w.rest.target);
		expect((await anon.from('threads').select('id')).data ?? []).toEqual([]);
	});

	it('does not let a non-member post, through the module or the API', async () => {
		const t = await discussions.createThread(w.erik.db, w.erik.actor, {
			group: w.closed,
			title: 'Inträngling',
			body: 'Hej'
		});
		expect(t).toEqual({ ok: false, reason: 'forbidden' });
		const r = await discussions.reply(w.erik.db, w.erik.actor, {
			group: w.closed,
			threadId: closedThread,
			body: 'Hej'
		});
		expect(r).toEqual({ ok: false, reason: 'not_found' });
		const raw = await w.erik.db
			.from('replies')
			.insert({ thread_id: closedThread, author_id: w.erik.id, body: 'Hej' });
		expect(raw.error?.code).toBe('42501');
		const rows = await w.db.sql`select 1 from public.threads t
			left join public.replies r on r.thread_id = t.id
			where t.author_id = ${w.erik.id} and t.group_id = ${w.closed.id} or r.author_id = ${w.erik.id}`;
		expect(rows).toHaveLength(0);
	});
});

describe('editing and deleting', () => {
	it("refuses to edit or delete someone else's reply and changes nothing", async () => {
		// Anna wrote the thread; Sara's reply is not hers even so.
		const edit = await discussions.editReply(w.anna.db, w.anna.actor, {
			group: w.closed,
			id: closedReply,
			body: 'Ändrat av någon annan'
		});
		expect(edit).toEqual({ ok: false, reason: 'forbidden' });
		const del = await discussions.deleteReply(w.anna.db, w.anna.actor, {
			group: w.closed,
			id: closedReply
		});
		expect(del).toEqual({ ok: false, reason: 'forbidden' });
		const raw = await w.anna.db.from('replies').update({ body: 'Hack' }).eq('id', closedReply);
		expect(raw.error?.code).toBe('42501');
		const rawDelete = await w.anna.db
			.from('replies')
			.update({ deleted_at: new Date().toISOString() })
			.eq('id', closedReply)
			.select();
		expect(rawDelete.error?.code).toBe('42501');
		const [row] = await w.db.sql`select body, edited_at, deleted_at from public.replies
			where id = ${closedReply}`;
		expect(row).toEqual({ body: 'Ett svar bara för medlemmar', edited_at: null, deleted_at: null });
	});

	it("does not let a member edit someone else's thread", async () => {
		const edit = await discussions.editThread(w.sara.db, w.sara.actor, {
			group: w.closed,
			id: closedThread,
			title: 'Ny rubrik',
			body: 'Ny text'
		});
		expect(edit).toEqual({ ok: false, reason: 'forbidden' });
		const [row] = await w.db.sql`select title from public.threads where id = ${closedThread}`;
		expect(row!.title).toBe('Hemlig tråd');
	});

	it('lets authors edit their own posts, marking them edited', async () => {
		const r = await discussions.reply(w.sara.db, w.sara.actor, {
			group: w.closed,
			threadId: closedThread,
			body: 'Första versionen'
		});
		if (!r.ok) throw new Error('reply');
		const edit = await discussions.editReply(w.sara.db, w.sara.actor, {
			group: w.closed,
			id: r.id,
			body: 'Andra versionen'
		});
		expect(edit).toEqual({ ok: true });
		const [row] = await w.db.sql`select body, edited_at from public.replies where id = ${r.id}`;
		expect(row!.body).toBe('Andra versionen');
		expect(row!.edited_at).not.toBeNull();
	});

	it('keeps a thread readable when a post in it is deleted', async () => {
		const r = await discussions.reply(w.sara.db, w.sara.actor, {
			group: w.closed,
			threadId: closedThread,
			body: 'Ångrar mig'
		});
		if (!r.ok) throw new Error('reply');
		expect(
			await discussions.deleteReply(w.sara.db, w.sara.actor, { group: w.closed, id: r.id })
		).toEqual({ ok: true });
		const detail = await discussions.thread(w.anna.db, closedThread);
		const gone = detail!.replies.find((x) => x.id === r.id)!;
		expect(gone).toMatchObject({ deleted: true, body: '', html: '' });
		expect(detail!.replies.some((x) => x.id === closedReply && !x.deleted)).toBe(true);
	});

	it('closes a deleted thread to new replies but keeps it and its replies readable', async () => {
		const t = await discussions.createThread(w.erik.db, w.erik.actor, {
			group: w.open,
			title: 'Snart borta',
			body: 'Första inlägget'
		});
		if (!t.ok) throw new Error('thread');
		const r = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.open,
			threadId: t.id,
			body: 'Ett svar som blir kvar'
		});
		if (!r.ok) throw new Error('reply');
		const gone = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.open,
			threadId: t.id,
			body: 'Ett svar som tas bort'
		});
		if (!gone.ok) throw new Error('reply');
		await discussions.deleteReply(w.anna.db, w.anna.actor, { group: w.open, id: gone.id });
		const del = await discussions.deleteThread(w.erik.db, w.erik.actor, {
			group: w.open,
			id: t.id
		});
		expect(del).toEqual({ ok: true });
		const late = await discussions.reply(w.anna.db, w.anna.actor, {
			group: w.open,
			threadId: t.id,
			body: 'För sent'
		});
		expect(late).toEqual({ ok: false, reason: 'closed' });
		const detail = await discussions.thread(w.sara.db, t.id);
		expect(detail).toMatchObject({ deleted: true, body: '', html: '', title: 'Snart borta' });
		expect(detail!.replies.map((x) => x.deleted)).toEqual([false, true]);
		const list = await discussions.listThreads(w.sara.db, w.open.id);
		expect(list.threads.find((x) => x.id === t.id)).toMatchObject({
			deleted: true,
			replyCount: 1
		});
	});
});
