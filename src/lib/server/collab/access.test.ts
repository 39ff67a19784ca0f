import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, FRAGMENT } from '../../collab/protocol.ts';
import * as sessions from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { connect, linesOf, raw, updateMessage, type Client } from './testing/clients.ts';
import {
	addMember,
	buildDocument,
	signedIn,
	startServer,
	waitFor,
	type TestServer
} from './testing/fixtures.ts';

// Who may open a document's websocket, what a reader may do, and rights that change while the
// connection is open.

const db = useTestDatabase();
let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
	server = await startServer(db.url);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

function client(documentId: string, token: string | null) {
	const c = connect(server.url, documentId, { token });
	clients.push(c);
	return c;
}

const storedLines = async (documentId: string) =>
	linesOf(store.toDoc((await store.load(db.sql, documentId)).state));

/** A paragraph-adding update that a client could send, made outside any client. */
function paragraphUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
	return Y.encodeStateAsUpdate(doc);
}

async function refusedWith(documentId: string, credentials: Parameters<typeof raw>[2]) {
	const socket = raw(server.url, documentId, credentials);
	const code = await socket.closed;
	return { code, received: socket.received.length };
}

describe('opening a document', () => {
	it('refuses before sending any content to whoever may not read it', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'closed' });
		const member = await signedIn(db.sql);
		const outsider = await signedIn(db.sql);
		await addMember(db.sql, groupId, member.id);
		const writer = client(documentId, member.token);
		await waitFor(() => writer.synced(), 'member synced');
		writer.addLine('hemligt');

		const none = { code: CloseCode.unauthenticated, received: 0 };
		expect(await refusedWith(documentId, {})).toEqual(none);
		expect(await refusedWith(documentId, { token: 'a'.repeat(32) })).toEqual(none);
		expect(await refusedWith(documentId, { token: 'not a token' })).toEqual(none);
		expect(await refusedWith(documentId, { token: outsider.token })).toEqual({
			code: CloseCode.forbidden,
			received: 0
		});
		expect(
			await refusedWith(documentId, { token: member.token, origin: 'https://evil.example' })
		).toEqual({
			code: CloseCode.forbidden,
			received: 0
		});
		expect(await refusedWith(crypto.randomUUID(), { token: member.token })).toEqual({
			code: CloseCode.notFound,
			received: 0
		});
		expect(await refusedWith('not-a-uuid', { token: member.token })).toEqual({
			code: CloseCode.notFound,
			received: 0
		});
		expect(server.logs.filter((l) => l.event === 'refused').length).toBeGreaterThanOrEqual(7);
	});

	it('lets a signed-out reader read a public document, not change it, and not be seen', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, {
			status: 'published',
			isPublic: true
		});
		const member = await signedIn(db.sql);
		await addMember(db.sql, groupId, member.id);
		const writer = client(documentId, member.token);
		await waitFor(() => writer.synced(), 'writer synced');
		writer.addLine('publik text');
		writer.provider.awareness.setLocalStateField('cursor', 1);

		const reader = client(documentId, null);
		await waitFor(
			() => reader.synced() && reader.lines().includes('publik text'),
			'reader got content'
		);
		expect(reader.provider.awareness.getStates().size).toBe(1); // only its own: names stay private
		reader.provider.awareness.setLocalStateField('cursor', 2);

		const socket = raw(server.url, documentId, {});
		await socket.opened;
		socket.send(updateMessage(paragraphUpdate('anonymt klotter')));
		await socket.roundTrip();
		writer.addLine('senare');
		await waitFor(async () => (await storedLines(documentId)).includes('senare'), 'stored');
		expect(await storedLines(documentId)).toEqual(['publik text', 'senare']);
		expect(writer.lines()).toEqual(['publik text', 'senare']);
		expect([...writer.provider.awareness.getStates().keys()]).toEqual([writer.doc.clientID]);
		socket.ws.close();
	});
});

describe('a signed-in reader', () => {
	it('receives content, and its edits reach neither the others nor the store', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'open' });
		const member = await signedIn(db.sql);
		const visitor = await signedIn(db.sql, 'Besökare');
		await addMember(db.sql, groupId, member.id);
		const writer = client(documentId, member.token);
		await waitFor(() => writer.synced(), 'writer synced');
		writer.addLine('medlemmens text');

		const reader = client(documentId, visitor.token);
		await waitFor(() => reader.synced() && reader.lines().length === 1, 'reader synced');
		reader.addLine('besökarens text');
		const socket = raw(server.url, documentId, { token: visitor.token });
		await socket.opened;
		socket.send(updateMessage(paragraphUpdate('rått klotter')));
		await socket.roundTrip();

		writer.addLine('efteråt');
		await waitFor(() => reader.lines().includes('efteråt'), 'reader follows');
		await waitFor(async () => (await storedLines(documentId)).includes('efteråt'), 'stored');
		expect(writer.lines()).toEqual(['medlemmens text', 'efteråt']);
		expect(await storedLines(documentId)).toEqual(['medlemmens text', 'efteråt']);
		// Signed in, a reader is present for the others, under its real name.
		reader.provider.awareness.setLocalStateField('user', { id: member.id, name: 'Falsk' });
		await waitFor(() => writer.provider.awareness.getStates().has(reader.doc.clientID), 'seen');
		expect(writer.provider.awareness.getStates().get(reader.doc.clientID)).toMatchObject({
			user: { id: visitor.id, name: 'Besökare', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }
		});
		socket.ws.close();
	});
});

describe('rights that change while connected', () => {
	it('disconnects a member removed from a closed group', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'closed' });
		const member = await signedIn(db.sql);
		await addMember(db.sql, groupId, member.id);
		const c = client(documentId, member.token);
		await waitFor(() => c.synced(), 'synced');
		await db.sql`delete from public.group_members where group_id = ${groupId} and user_id = ${member.id}`;
		await waitFor(() => c.closes.includes(CloseCode.forbidden), 'closed as forbidden');
		expect(c.provider.shouldConnect).toBe(false); // final: the client stops trying
	});

	it('downgrades a member removed from an open group to a reader', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'open' });
		const [stays, leaves] = [await signedIn(db.sql), await signedIn(db.sql)];
		await addMember(db.sql, groupId, stays.id);
		await addMember(db.sql, groupId, leaves.id);
		const writer = client(documentId, stays.token);
		const socket = raw(server.url, documentId, { token: leaves.token });
		await socket.opened;
		await db.sql`delete from public.group_members where group_id = ${groupId} and user_id = ${leaves.id}`;
		await waitFor(
			() => server.logs.some((l) => l.event === 'access_changed' && l.fields.user === leaves.id),
			'downgrade'
		);
		socket.send(updateMessage(paragraphUpdate('efter att ha lämnat')));
		await socket.roundTrip();
		writer.addLine('kvar');
		await waitFor(async () => (await storedLines(documentId)).includes('kvar'), 'stored');
		expect(await storedLines(documentId)).toEqual(['kvar']);
		socket.ws.close();
	});

	it('closes a deleted document for everyone and unloads it', async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const member = await signedIn(db.sql);
		await addMember(db.sql, groupId, member.id);
		const c = client(documentId, member.token);
		await waitFor(() => c.synced(), 'synced');
		c.addLine('snart borta');
		await db.sql`delete from public.documents where id = ${documentId}`;
		await waitFor(() => c.closes.includes(CloseCode.notFound), 'closed as not found');
		const about = (event: string) =>
			server.logs.some((l) => l.event === event && l.fields.document === documentId);
		await waitFor(() => about('unloaded'), 'unloaded');
		expect(about('settle_failed')).toBe(false);
	});

	it('disconnects a session that logged out (checked on a timer)', async () => {
		const timed = await startServer(db.url, { recheckMs: 100 });
		const { groupId, documentId } = await buildDocument(db.sql);
		const member = await signedIn(db.sql);
		await addMember(db.sql, groupId, member.id);
		const c = connect(timed.url, documentId, { token: member.token });
		clients.push(c);
		await waitFor(() => c.synced(), 'synced');
		await sessions.invalidate(db.sql, hashToken(member.token));
		await waitFor(() => c.closes.includes(CloseCode.unauthenticated), 'closed as unauthenticated');
		await timed.stop();
	});
});
