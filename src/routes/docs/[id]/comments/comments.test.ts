import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import * as documents from '$lib/server/documents';
import type { Thread } from '$lib/server/documents';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser } from '$lib/server/testing/world';
import { PATCH } from './[commentId]/+server';
import { POST as REPLY } from './[commentId]/replies/+server';
import { GET, POST } from './+server';

// The comment endpoints as the browser calls them: JSON in, all threads (or a message) out.

const db = useTestDatabase({ rest: true });
type Person = { user: SessionUser; db: Db };
let anna: Person; // member, created the document
let erik: Person; // member
let olle: Person; // outside the closed group
let documentId: string;

const anchor = {
	start: { type: { client: 7, clock: 0 }, assoc: 0 },
	end: { type: { client: 7, clock: 4 }, assoc: -1 }
};

beforeAll(async () => {
	const person = async (name: string): Promise<Person> => {
		const built = await buildUser(db.sql, { name });
		const user = { id: built.id, name, role: 'member', organizationId: null, emailVerified: true };
		return { user: user as SessionUser, db: await forUser(db.rest, built.id) };
	};
	anna = await person('Anna Lind');
	erik = await person('Erik Berg');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.user.id, 'member'],
			[erik.user.id, 'member']
		]
	});
	const created = await documents.create(anna.db, anna.user, group.id, {
		kind: 'tool',
		title: 'Checklista för nyanställda',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
});

type Handler = (event: never) => Response | Promise<Response>;

/** Calls an endpoint as `who` (null: signed out); a thrown HTTP error becomes its response. */
async function call(
	handler: Handler,
	who: Person | null,
	init: { method?: string; body?: unknown; commentId?: string } = {}
) {
	const url = new URL(`http://erfa.test/docs/${documentId}/comments`);
	const request = new Request(url, {
		method: init.method ?? 'GET',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const event = {
		url,
		request,
		params: { id: documentId, commentId: init.commentId ?? '' },
		locals: {
			user: who?.user ?? null,
			session: null,
			supabase: who?.db ?? anonymous(db.rest)
		}
	};
	try {
		const response = await handler(event as never);
		return { status: response.status, body: (await response.json()) as { threads: Thread[] } };
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, body: e.body as unknown as { message: string } };
	}
}

const notifications = (userId: string) =>
	db.sql<{ kind: string; link: string; title: string }[]>`
		select kind, link, title from public.notifications where user_id = ${userId} order by id`;

describe('comment endpoints', () => {
	it('start a thread, answer with every thread, and notify whom it mentions', async () => {
		const created = await call(POST, erik, {
			method: 'POST',
			body: { anchor, quote: 'nyanställda', body: 'Borde inte @Anna Lind titta på detta?' }
		});
		expect(created.status).toBe(201);
		const threads = (created.body as { threads: Thread[] }).threads;
		expect(threads).toHaveLength(1);
		expect(threads[0]).toMatchObject({ quote: 'nyanställda', author: { name: 'Erik Berg' } });
		const told = await notifications(anna.user.id);
		// A mention wins over "a comment on your document": Anna is told once.
		expect(told).toEqual([
			{
				kind: 'mention',
				title: 'Checklista för nyanställda',
				link: `/docs/${documentId}#comment-${threads[0]!.id}`
			}
		]);
	});

	it('tell the thread’s participants about a reply', async () => {
		const [thread] = ((await call(GET, anna)).body as { threads: Thread[] }).threads;
		const replied = await call(REPLY, anna, {
			method: 'POST',
			commentId: thread!.id,
			body: { body: 'Jag tittar i morgon.' }
		});
		expect(replied.status).toBe(201);
		expect((await notifications(erik.user.id)).map((n) => n.kind)).toEqual(['document_comment']);
	});

	it('tell the document’s writers about a new thread', async () => {
		await db.sql`insert into public.document_contributors (document_id, user_id)
			values (${documentId}, ${erik.user.id})`;
		const before = (await notifications(erik.user.id)).length;
		const created = await call(POST, anna, {
			method: 'POST',
			body: { anchor, quote: 'lista', body: 'Lägg till IT-konto.' }
		});
		expect(created.status).toBe(201);
		expect((await notifications(erik.user.id)).slice(before).map((n) => n.kind)).toEqual([
			'document_comment'
		]);
	});

	it('resolve and reopen', async () => {
		const [thread] = ((await call(GET, erik)).body as { threads: Thread[] }).threads;
		const resolved = await call(PATCH, erik, {
			method: 'PATCH',
			commentId: thread!.id,
			body: { action: 'resolve' }
		});
		expect(resolved.status).toBe(200);
		const after = (resolved.body as { threads: Thread[] }).threads.find((t) => t.id === thread!.id);
		expect(after?.resolvedBy?.name).toBe('Erik Berg');
		const reopened = await call(PATCH, anna, {
			method: 'PATCH',
			commentId: thread!.id,
			body: { action: 'reopen' }
		});
		const again = (reopened.body as { threads: Thread[] }).threads.find((t) => t.id === thread!.id);
		expect(again?.resolvedAt).toBeNull();
	});

	it('refuse outsiders of a closed group as if the document did not exist', async () => {
		expect((await call(GET, olle)).status).toBe(404);
		const refused = await call(POST, olle, {
			method: 'POST',
			body: { anchor, quote: 'x', body: 'Hej' }
		});
		expect(refused.status).toBe(404);
		expect((await call(GET, null)).status).toBe(404);
	});

	it('explain what is wrong with a request', async () => {
		const empty = await call(POST, anna, {
			method: 'POST',
			body: { anchor, quote: 'x', body: ' ' }
		});
		expect(empty).toEqual({ status: 400, body: { message: 'Skriv en kommentar.' } });
		const badAnchor = await call(POST, anna, {
			method: 'POST',
			body: { anchor: { start: 1, end: 2 }, quote: 'x', body: 'Hej' }
		});
		expect(badAnchor.status).toBe(400);
		expect((badAnchor.body as { message: string }).message).toMatch(/Markera texten igen/);
		const unknown = await call(PATCH, anna, {
			method: 'PATCH',
			commentId: crypto.randomUUID(),
			body: { action: 'resolve' }
		});
		expect(unknown.status).toBe(404);
		const strange = await call(PATCH, anna, {
			method: 'PATCH',
			commentId: crypto.randomUUID(),
			body: { action: 'explode' }
		});
		expect(strange.status).toBe(400);
	});

	it('keep what was meant from text the database cannot store', async () => {
		const created = await call(POST, erik, {
			method: 'POST',
			body: { anchor, quote: 'ny\u0000anställda\ud800', body: 'Se\u0000 hit \ud800 a\u030a' }
		});
		expect(created.status).toBe(201);
		const threads = (created.body as { threads: Thread[] }).threads;
		const thread = threads.find((t) => t.quote === 'nyanställda\ufffd');
		expect(thread?.body).toBe('Se hit \ufffd å');
		const edited = await call(PATCH, erik, {
			method: 'PATCH',
			commentId: thread!.id,
			body: { action: 'edit', body: '\udfffÄndrat\u0000' }
		});
		expect(edited.status).toBe(200);
		const nothing = await call(REPLY, erik, {
			method: 'POST',
			commentId: thread!.id,
			body: { body: '\u0000\u0001' }
		});
		expect(nothing).toEqual({ status: 400, body: { message: 'Skriv en kommentar.' } });
		let deep: unknown = 'x';
		for (let i = 0; i < 100; i++) deep = [deep];
		const nested = await call(REPLY, erik, {
			method: 'POST',
			commentId: thread!.id,
			body: { body: 'Hej', deep }
		});
		expect(nested.status).toBe(400);
	});
});
