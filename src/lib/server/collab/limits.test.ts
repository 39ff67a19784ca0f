import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { checkGrowth, TokenBucket } from './limits.ts';
import { connect, linesOf, message, raw, type Client } from './testing/clients.ts';
import {
	addMember,
	buildDocument,
	signedIn,
	startServer,
	waitFor,
	type TestServer
} from './testing/fixtures.ts';

describe('TokenBucket', () => {
	it('allows the burst, then the sustained rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 5, () => now);
		expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([
			true,
			true,
			true,
			true,
			true,
			false
		]);
		now += 100; // one token a tenth of a second
		expect([bucket.take(), bucket.take()]).toEqual([true, false]);
		now += 10_000;
		expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
	});
});

describe('checkGrowth', () => {
	const docWith = (text: string) => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, text);
		return doc;
	};
	const edit = (doc: Y.Doc, change: (text: Y.Text) => void) => {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(copy);
		change(copy.getText('t'));
		return Y.encodeStateAsUpdate(copy, before);
	};

	it('refuses growth past the maximum but allows deleting near it', () => {
		const doc = docWith('x'.repeat(900));
		const size = Y.encodeStateAsUpdate(doc).byteLength;
		expect(
			checkGrowth(
				doc,
				size,
				edit(doc, (t) => t.insert(0, 'y'.repeat(50))),
				1000
			).ok
		).toBe(true);
		expect(
			checkGrowth(
				doc,
				size,
				edit(doc, (t) => t.insert(0, 'y'.repeat(200))),
				1000
			).ok
		).toBe(false);
		expect(
			checkGrowth(
				doc,
				5000,
				edit(doc, (t) => t.delete(0, 100)),
				1000
			).ok
		).toBe(true);
	});
});

const db = useTestDatabase();
let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
	server = await startServer(db.url, {
		limits: {
			maxMessageBytes: 64 * 1024,
			messagesPerSecond: 5,
			messageBurst: 40,
			maxConnectionsPerDocument: 3,
			warnDocumentBytes: 10_000,
			maxDocumentBytes: 30_000
		}
	});
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

async function writer() {
	const { groupId, documentId } = await buildDocument(db.sql);
	const person = await signedIn(db.sql);
	await addMember(db.sql, groupId, person.id);
	return { documentId, token: person.token };
}

const logged = (event: string) => server.logs.some((line) => line.event === event);

describe('limits close the connection with their code', () => {
	it('a message larger than the maximum', async () => {
		const { documentId, token } = await writer();
		const socket = raw(server.url, documentId, { token });
		await socket.opened;
		socket.send(new Uint8Array(100 * 1024));
		expect(await socket.closed).toBe(CloseCode.messageTooLarge);
		expect(logged('message_too_large')).toBe(true);
	});

	it('too many messages a second', async () => {
		const { documentId, token } = await writer();
		const socket = raw(server.url, documentId, { token });
		await socket.opened;
		for (let i = 0; i < 100; i++) socket.send(message(MessageType.queryAwareness, () => {}));
		expect(await socket.closed).toBe(CloseCode.rateLimited);
	});

	it('too many connections on one document, refused before any content', async () => {
		const { documentId, token } = await writer();
		const three = [0, 1, 2].map(() => raw(server.url, documentId, { token }));
		await Promise.all(three.map((s) => s.opened));
		const fourth = raw(server.url, documentId, { token });
		expect(await fourth.closed).toBe(CloseCode.documentFull);
		expect(fourth.received).toHaveLength(0);
		three.forEach((s) => s.ws.close());
	});

	it('a document growing past its maximum size: warned, then refused and not stored', async () => {
		const { documentId, token } = await writer();
		const big = connect(server.url, documentId, { token });
		const other = connect(server.url, documentId, { token });
		clients.push(big, other);
		await waitFor(() => big.synced() && other.synced(), 'synced');
		big.addLine('a'.repeat(12_000));
		await waitFor(() => logged('document_large'), 'warning logged');
		big.addLine('b'.repeat(20_000));
		await waitFor(() => big.closes.includes(CloseCode.documentTooLarge), 'closed');
		expect(big.provider.shouldConnect).toBe(false);
		other.addLine('liten');
		await waitFor(() => linesOf(other.doc).includes('liten'), 'local');
		await waitFor(
			async () =>
				linesOf(store.toDoc((await store.load(db.sql, documentId)).state)).includes('liten'),
			'small edit stored'
		);
		const stored = linesOf(store.toDoc((await store.load(db.sql, documentId)).state));
		expect(stored).toEqual(['a'.repeat(12_000), 'liten']);
		expect(other.lines()).toEqual(stored);
	});
});
