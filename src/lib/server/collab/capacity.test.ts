import type { IncomingMessage } from 'node:http';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, FRAGMENT, Limits, MessageType } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { addressKey, clientAddress } from './request.ts';
import {
	connect,
	linesOf,
	message,
	raw,
	updateMessage,
	type Client,
	type Credentials,
	type RawClient
} from './testing/clients.ts';
import {
	addMember,
	buildDocument,
	signedIn,
	startServer,
	waitFor,
	type TestServer
} from './testing/fixtures.ts';

// Nobody can lock others out of a document: connections are limited per person and per
// signed-out address, readers may take only part of a document's connections, and what a reader
// may make the server hold (a message, unsent data) is bounded. With the production limits.

const db = useTestDatabase();
let server: TestServer;
const clients: Client[] = [];
const sockets: RawClient[] = [];

beforeAll(async () => {
	server = await startServer(db.url);
});
afterEach(async () => {
	clients.splice(0).forEach((c) => c.destroy());
	sockets.splice(0).forEach((s) => s.ws.terminate());
	await waitFor(() => server.collab.stats().connections === 0, 'every connection gone');
});
afterAll(async () => {
	await server?.stop();
});

function socket(documentId: string, credentials: Credentials = {}) {
	const s = raw(server.url, documentId, credentials);
	sockets.push(s);
	return s;
}

/** 'open' once the server answered a sync step 1, else the code it closed the socket with. */
async function outcome(s: RawClient): Promise<'open' | number> {
	return Promise.race([s.opened.then(() => s.roundTrip()).then(() => 'open' as const), s.closed]);
}

async function outcomes(all: RawClient[]) {
	const counts = new Map<'open' | number, number>();
	for (const result of await Promise.all(all.map(outcome))) {
		counts.set(result, (counts.get(result) ?? 0) + 1);
	}
	return Object.fromEntries(counts);
}

async function editorOf(groupId: string) {
	const person = await signedIn(db.sql);
	await addMember(db.sql, groupId, person.id);
	return person;
}

/** An editor's client, synced, whose line reaches the store. */
async function editorWorks(documentId: string, token: string, line: string) {
	const editor = connect(server.url, documentId, { token });
	clients.push(editor);
	await waitFor(() => editor.synced(), 'editor synced');
	editor.addLine(line);
	await waitFor(
		async () => linesOf(store.toDoc((await store.load(db.sql, documentId)).state)).includes(line),
		'edit stored'
	);
}

const refused = (code: number) =>
	server.logs.some((line) => line.event === 'refused' && line.fields.code === code);

describe('connections per person', () => {
	it("one person's 500 sockets hold a few; another person still gets in", async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const [greedy, other] = [await editorOf(groupId), await editorOf(groupId)];
		const flood = Array.from({ length: 500 }, () => socket(documentId, { token: greedy.token }));
		expect(await outcomes(flood)).toEqual({
			open: Limits.maxConnectionsPerPerson,
			[CloseCode.tooManyConnections]: 500 - Limits.maxConnectionsPerPerson
		});
		expect(refused(CloseCode.tooManyConnections)).toBe(true);
		await editorWorks(documentId, other.token, 'inte utestängd');
	});

	it('and only a few in the whole process, over several documents', async () => {
		const person = await signedIn(db.sql);
		const perDocument = Limits.maxConnectionsPerPerson;
		const documents = [];
		for (let i = 0; i < 3; i++) {
			const { groupId, documentId } = await buildDocument(db.sql);
			await addMember(db.sql, groupId, person.id);
			documents.push(documentId);
		}
		const results = [];
		for (const documentId of documents) {
			const some = Array.from({ length: perDocument }, () =>
				socket(documentId, { token: person.token })
			);
			results.push(await outcomes(some));
		}
		const open = results.reduce((n, r) => n + (r.open ?? 0), 0);
		expect(open).toBe(Limits.maxConnectionsPerPersonInProcess);
		expect(results.at(-1)![CloseCode.tooManyConnections]).toBe(
			3 * perDocument - Limits.maxConnectionsPerPersonInProcess
		);
	});
});

describe('readers and editors', () => {
	it('readers filling a document leave room for its editors', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, { visibility: 'open' });
		const readerSlots = Math.floor(Limits.maxConnectionsPerDocument * Limits.readerShare);
		const readers = [];
		// Read-only: signed in, not members of the open group.
		for (let i = 0; i * Limits.maxConnectionsPerPerson < readerSlots + 2; i++) {
			readers.push(await signedIn(db.sql));
		}
		const all = readers.flatMap((r) =>
			Array.from({ length: Limits.maxConnectionsPerPerson }, () =>
				socket(documentId, { token: r.token })
			)
		);
		const result = await outcomes(all);
		expect(result.open).toBe(readerSlots);
		expect(result[CloseCode.readersFull]).toBe(all.length - readerSlots);
		await editorWorks(documentId, (await editorOf(groupId)).token, 'redaktören kom in');
	});
});

describe('signed-out visitors', () => {
	it('a flood from one address is capped; other addresses and editors get in', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, {
			status: 'published',
			isPublic: true
		});
		const flood = Array.from({ length: 100 }, () => socket(documentId));
		expect(await outcomes(flood)).toEqual({
			open: Limits.maxAnonymousPerAddress,
			[CloseCode.tooManyConnections]: 100 - Limits.maxAnonymousPerAddress
		});
		expect(await outcome(socket(documentId, { localAddress: '127.0.0.2' }))).toBe('open');
		await editorWorks(documentId, (await editorOf(groupId)).token, 'fortfarande öppet');
	});
});

describe('what a reader can make the server hold', () => {
	it('an oversized message from a reader closes only that connection', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, {
			visibility: 'open',
			status: 'published',
			isPublic: true
		});
		const [editor, member] = [await editorOf(groupId), await signedIn(db.sql)];
		const writer = socket(documentId, { token: editor.token });
		const visitor = socket(documentId);
		const reader = socket(documentId, { token: member.token });
		const bystander = socket(documentId, { localAddress: '127.0.0.3' });
		for (const s of [writer, visitor, reader, bystander]) expect(await outcome(s)).toBe('open');

		const oversized = Limits.maxReaderMessageBytes + 1024;
		visitor.send(new Uint8Array(oversized));
		reader.send(new Uint8Array(oversized));
		expect(await visitor.closed).toBe(CloseCode.messageTooLarge);
		expect(await reader.closed).toBe(CloseCode.messageTooLarge);
		// An editor may send a message that size (a large paste), and the others stay.
		writer.send(updateMessage(paragraph('x'.repeat(oversized))));
		await bystander.roundTrip();
		await writer.roundTrip();
		await waitFor(
			async () => (await store.load(db.sql, documentId)).state.byteLength > oversized,
			'large paste stored'
		);
		expect(server.logs.some((l) => l.event === 'message_too_large')).toBe(true);
	});

	it('an oversized message on a refused connection, before it is closed, is ignored', async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const editor = await editorOf(groupId);
		const refusedOne = socket(documentId, { token: editor.token, origin: 'https://evil.example' });
		// Sent the moment the socket opens, before the client has read the server's close.
		const oversized = new Uint8Array(Limits.maxReaderMessageBytes + 1024);
		refusedOne.ws.once('open', () => refusedOne.send(oversized));
		expect([CloseCode.forbidden, CloseCode.messageTooLarge]).toContain(await refusedOne.closed);
		await editorWorks(documentId, editor.token, 'servern lever');
	});

	it('a reader asking for the document again and again without reading is dropped', async () => {
		const { groupId, documentId } = await buildDocument(db.sql, {
			status: 'published',
			isPublic: true
		});
		const editor = await editorOf(groupId);
		await editorWorks(documentId, editor.token, 'y'.repeat(1024 * 1024));
		const greedy = socket(documentId);
		expect(await outcome(greedy)).toBe('open');
		greedy.ws.pause(); // reads nothing more
		// Each is answered with the whole document (1 MB): 24 MB is far more than a reader may have
		// queued, and less than an editor may (a slow editor would still be served).
		const empty = new Y.Doc();
		const askAll = message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, empty));
		for (let i = 0; i < 24; i++) greedy.send(askAll);
		await waitFor(() => server.logs.some((l) => l.event === 'slow_client'), 'dropped');
		await waitFor(() => server.collab.stats().connections === 1, 'only the editor left');
		await editorWorks(documentId, editor.token, 'redaktören märker inget');
	});
});

function paragraph(text: string): Uint8Array {
	const doc = new Y.Doc();
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment(FRAGMENT).insert(0, [p]);
	return Y.encodeStateAsUpdate(doc);
}

describe('client addresses', () => {
	it('counts IPv6 by its /64 and IPv4-mapped addresses as IPv4', () => {
		expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
	});

	it("behind a proxy, reads the proxy's header as the app does", () => {
		const req = (headers: Record<string, string>) =>
			({ socket: { remoteAddress: '10.0.0.1' }, headers }) as unknown as IncomingMessage;
		const forwarded = { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' };
		expect(clientAddress(req(forwarded))).toBe('10.0.0.1');
		expect(clientAddress(req(forwarded), { header: 'x-forwarded-for', depth: 1 })).toBe(
			'203.0.113.9'
		);
		expect(clientAddress(req(forwarded), { header: 'x-forwarded-for', depth: 2 })).toBe(
			'198.51.100.1'
		);
		expect(clientAddress(req({}), { header: 'x-real-ip' })).toBe('10.0.0.1');
	});
});
