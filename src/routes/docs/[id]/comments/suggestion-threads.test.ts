import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import * as documents from '$lib/server/documents';
import type { Thread } from '$lib/server/documents';
import { forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, buildUser } from '$lib/server/testing/world';
import { POST as NOTICE } from '../suggestions/+server';
import { POST as DECIDED } from './suggestions/+server';
import { POST } from './+server';

// Suggestions and their threads as the browser calls the endpoints: "I suggest changes" tells
// the document's editors and the group's coordinators once in ten minutes; a thread about a
// suggestion carries its id, reaches the coordinators too, and is resolved when it is decided.

const db = useTestDatabase({ rest: true });
type Person = { user: SessionUser; db: Db };
let anna: Person; // created the document
let erik: Person; // member who suggests
let cecilia: Person; // coordinator who has not written in the document
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
	cecilia = await person('Cecilia Ny');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.user.id, 'member'],
			[erik.user.id, 'member'],
			[cecilia.user.id, 'coordinator']
		]
	});
	const created = await documents.create(anna.db, anna.user, group.id, {
		kind: 'tool',
		title: 'Modell för samråd',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
});

type Handler = (event: never) => Response | Promise<Response>;

async function call(handler: Handler, who: Person, body?: unknown) {
	const url = new URL(`http://erfa.test/docs/${documentId}/comments`);
	const request = new Request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const locals = { user: who.user, session: null, supabase: who.db };
	try {
		const response = await handler({ url, request, params: { id: documentId }, locals } as never);
		const text = await response.text();
		return { status: response.status, threads: text ? (JSON.parse(text).threads as Thread[]) : [] };
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, threads: [] };
	}
}

const kinds = async (person: Person) =>
	(
		await db.sql<{ kind: string }[]>`select kind from public.notifications
			where user_id = ${person.user.id} order by id`
	).map((n) => n.kind);

describe('suggestions and their threads', () => {
	it('tell the editors and coordinators of new suggestions once in ten minutes', async () => {
		expect((await call(NOTICE, erik)).status).toBe(204);
		expect((await call(NOTICE, erik)).status).toBe(204);
		expect(await kinds(anna)).toEqual(['document_suggestion']);
		expect(await kinds(cecilia)).toEqual(['document_suggestion']);
		expect(await kinds(erik)).toEqual([]);

		await db.sql`update erfa_private.suggestion_notices
			set sent_at = now() - interval '11 minutes' where document_id = ${documentId}`;
		await call(NOTICE, erik);
		expect(await kinds(cecilia)).toEqual(['document_suggestion', 'document_suggestion']);
	});

	it('keep a thread with its suggestion, tell the coordinators, resolve it when decided', async () => {
		const suggestionId = `${erik.user.id}|n1|Erik Berg`;
		const before = (await kinds(cecilia)).length;
		const why = { anchor, quote: 'samråd', body: 'Lagen kräver det sedan 2025.', suggestionId };
		const created = await call(POST, erik, why);
		expect(created.status).toBe(201);
		expect(created.threads[0]).toMatchObject({ suggestionId, resolvedAt: null });
		expect((await kinds(cecilia)).slice(before)).toEqual(['document_comment']);
		// A plain thread reaches those who wrote the document, not every coordinator.
		await call(POST, erik, { anchor, quote: 'modell', body: 'Stavfel?' });
		expect((await kinds(cecilia)).slice(before)).toEqual(['document_comment']);

		// Deciding resolves the threads about the decided suggestions only.
		expect((await call(DECIDED, cecilia, { ids: ['other'] })).status).toBe(200);
		const decided = await call(DECIDED, anna, { ids: [suggestionId] });
		const about = decided.threads.find((t) => t.suggestionId === suggestionId);
		expect(about).toMatchObject({ resolvedBy: { name: 'Anna Lind' } });
		expect(about?.resolvedAt).not.toBeNull();
		expect(decided.threads.find((t) => !t.suggestionId)?.resolvedAt).toBeNull();
	});
});
