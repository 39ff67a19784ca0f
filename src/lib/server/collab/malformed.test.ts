import * as encoding from 'lib0/encoding';
import postgres from 'postgres';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode, FRAGMENT, MessageType } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { createConcerns } from './concerns.ts';
import { defaultTimings } from './index.ts';
import { resolveLimits } from './limits.ts';
import { createPeer } from './peer.ts';
import { Room } from './room.ts';
import { connect, linesOf, message, raw, updateMessage, type Client } from './testing/clients.ts';
import { addMember, buildDocument, signedIn, startServer, waitFor } from './testing/fixtures.ts';
import { randomEdit, seeded } from './testing/random.ts';

// Random and truncated frames from a writer: each closes its connection as a bad message, none
// changes the document or stops the server.

const db = useTestDatabase();
const clients: Client[] = [];

afterAll(async () => {
	clients.forEach((c) => c.destroy());
});

/** Well-formed frames a client sends (updates, sync steps, awareness), and the updates alone. */
function samples(random: () => number) {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < 60; i++) randomEdit(doc, random);
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ cursor: { anchor: 3 }, user: { name: 'x' } });
	const presence = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
	awareness.destroy();
	const frames = [
		...updates.map(updateMessage),
		message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc)),
		message(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc)),
		message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, presence))
	];
	return { frames, updates: [...updates, Y.encodeStateAsUpdate(doc)] };
}

const cut = (bytes: Uint8Array, random: () => number) =>
	bytes.slice(0, 1 + Math.floor(random() * (bytes.length - 1)));

/**
 * Random bytes (mostly behind a valid message type), a real frame cut short, or a real update
 * cut short inside a well-formed frame (it passes the framing and reaches Yjs).
 */
function badFrames(count: number, seed: number): Uint8Array[] {
	const random = seeded(seed);
	const { frames, updates } = samples(random);
	const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
	return Array.from({ length: count }, (_, i) => {
		if (i % 3 === 1) return cut(pick(frames), random);
		if (i % 3 === 2) return updateMessage(cut(pick(updates), random));
		const bytes = Uint8Array.from({ length: Math.floor(random() * 120) }, () =>
			Math.floor(random() * 256)
		);
		if (bytes.length && random() < 0.75) bytes[0] = Math.floor(random() * 3);
		return bytes;
	});
}

async function writerOf(documentId: string, groupId: string) {
	const person = await signedIn(db.sql);
	await addMember(db.sql, groupId, person.id);
	return person;
}

describe('10 000 random or truncated frames', () => {
	it('leave the document unchanged, each refused as a bad message or ignored', async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const person = await writerOf(documentId, groupId);
		const sql = postgres(db.url, { max: 2, onnotice: () => {} });
		const log = () => {};
		// All 10 000 frames come at once: the rate limit is not what this test is about.
		const limits = resolveLimits({ messageBurst: 20_000 });
		const concerns = createConcerns({
			sql,
			origins: [],
			log,
			limits,
			timings: defaultTimings,
			recheckMs: 60_000
		});
		const room = await Room.open({ log, concerns }, documentId);
		const sent: Uint8Array[] = [];
		const socket = {
			readyState: 1,
			bufferedAmount: 0,
			send: (d: Uint8Array) => sent.push(d),
			close() {},
			terminate() {}
		};
		const peer = createPeer(
			socket as unknown as WebSocket,
			documentId,
			{ user: person, token: person.token, access: 'write' },
			limits
		);
		room.join(peer);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('orörd')]);
		room.doc.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
		const before = Y.encodeStateAsUpdate(room.doc);

		const verdicts = new Map<number | null, number>();
		for (const frame of badFrames(10_000, 1)) {
			const verdict = room.receive(peer, frame);
			verdicts.set(verdict?.code ?? null, (verdicts.get(verdict?.code ?? null) ?? 0) + 1);
		}
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
		expect(linesOf(room.doc)).toEqual(['orörd']);
		expect(verdicts.get(CloseCode.badMessage)).toBeGreaterThan(9_000);
		expect(
			[...verdicts.keys()].every((code) => code === null || code === CloseCode.badMessage)
		).toBe(true);
		await room.destroy();
		await sql.end();
	});

	it('over real sockets: each closes its connection, the server keeps serving', async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const person = await writerOf(documentId, groupId);
		// Twenty sockets at a time, all one person's: more than a person may otherwise hold.
		const many = { maxConnectionsPerPerson: 32, maxConnectionsPerPersonInProcess: 32 };
		const server = await startServer(db.url, { limits: many });
		const editor = connect(server.url, documentId, { token: person.token });
		clients.push(editor);
		await waitFor(() => editor.synced(), 'synced');
		editor.addLine('orörd');
		await waitFor(
			async () => linesOf(store.toDoc((await store.load(db.sql, documentId)).state)).length === 1,
			'stored'
		);

		const frames = badFrames(1000, 2);
		const codes: number[] = [];
		for (let i = 0; i < frames.length; i += 20) {
			const batch = frames.slice(i, i + 20).map(async (frame) => {
				const socket = raw(server.url, documentId, { token: person.token });
				await socket.opened;
				socket.send(frame);
				// Frames that happen to be harmless are followed by one of an unknown type.
				socket.send(new Uint8Array([9]));
				codes.push(await socket.closed);
			});
			await Promise.all(batch);
		}
		expect(codes.every((code) => code === CloseCode.badMessage)).toBe(true);
		editor.addLine('fortfarande');
		await waitFor(
			async () => linesOf(store.toDoc((await store.load(db.sql, documentId)).state)).length === 2,
			'still served'
		);
		expect(editor.lines()).toEqual(['orörd', 'fortfarande']);
		expect(server.logs.filter((l) => l.level === 'error')).toEqual([]);
		await server.stop();
	});
});
