import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { FRAGMENT } from '../../collab/protocol.ts';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { connect, linesOf, type Client } from './testing/clients.ts';
import { documentWithEditors, startServer, waitFor } from './testing/fixtures.ts';
import { randomEdit, seeded, sleep } from './testing/random.ts';

const db = useTestDatabase();
const clients: Client[] = [];

afterAll(async () => {
	clients.forEach((c) => c.destroy());
});

const storedLines = async (documentId: string) =>
	linesOf(store.toDoc((await store.load(db.sql, documentId)).state));

const same = (all: Client[]) =>
	all.every((c) => JSON.stringify(c.lines()) === JSON.stringify(all[0]!.lines()));

describe('five clients editing at random', () => {
	it('converge through random disconnects, and a restarted server serves the same', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 5, (i) => `Skribent ${i}`);
		let server = await startServer(db.url);
		const five = people.map((p) => connect(server.url, documentId, { token: p.token }));
		clients.push(...five);
		await waitFor(() => five.every((c) => c.synced()), 'all five synced');

		const random = seeded(20261124);
		five.forEach((c, i) => c.addLine(`start ${i}`));
		const reconnects: Promise<unknown>[] = [];
		for (let round = 0; round < 250; round++) {
			const client = five[Math.floor(random() * five.length)]!;
			randomEdit(client.doc, random);
			if (random() < 0.04 && client.provider.shouldConnect) {
				client.provider.disconnect();
				reconnects.push(sleep(random() * 300).then(() => client.provider.connect()));
			}
			if (round % 10 === 0) await sleep(random() * 20);
		}
		await Promise.all(reconnects);
		await waitFor(() => five.every((c) => c.synced()) && same(five), 'convergence');
		const expected = five[0]!.lines();
		expect(expected.length).toBeGreaterThan(5);
		expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);

		await server.stop();
		expect(await storedLines(documentId)).toEqual(expected);
		server = await startServer(db.url);
		const fresh = connect(server.url, documentId, { token: people[0]!.token });
		clients.push(fresh);
		await waitFor(() => fresh.synced(), 'fresh client synced');
		expect(fresh.lines()).toEqual(expected);

		const [row] =
			await db.sql`select content_text, size_bytes from public.documents where id = ${documentId}`;
		expect(row!.content_text).toBe(expected.filter((line) => line.trim()).join('\n'));
		expect(row!.size_bytes).toBeGreaterThan(0);
		const contributors = await db.sql`select user_id from public.document_contributors
			where document_id = ${documentId}`;
		expect(contributors.map((r) => r.user_id).sort()).toEqual(people.map((p) => p.id).sort());
		const versions =
			await db.sql`select kind from public.document_versions where document_id = ${documentId}`;
		expect(versions.map((v) => v.kind)).toEqual(['auto']);
		await server.stop();
	});
});

describe('storage', () => {
	it('unloads a document nobody has open, compacted, and loads it again', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 1, (i) => `Skribent ${i}`);
		const server = await startServer(db.url, { compactAfterUpdates: 2, unloadDelayMs: 50 });
		const client = connect(server.url, documentId, { token: people[0]!.token });
		await waitFor(() => client.synced(), 'synced');
		for (let i = 0; i < 6; i++) {
			client.addLine(`rad ${i}`);
			await sleep(30);
		}
		await waitFor(async () => (await storedLines(documentId)).length === 6, 'stored');
		expect(server.collab.stats()).toEqual({ documents: 1, connections: 1 });
		client.destroy();
		await waitFor(() => server.collab.stats().documents === 0, 'unloaded');
		const [pending] = await db.sql`select count(*)::int as n from erfa_private.document_updates
			where document_id = ${documentId}`;
		expect(pending!.n).toBe(0);
		expect(await storedLines(documentId)).toEqual([
			'rad 0',
			'rad 1',
			'rad 2',
			'rad 3',
			'rad 4',
			'rad 5'
		]);

		const again = connect(server.url, documentId, { token: people[0]!.token });
		clients.push(again);
		await waitFor(() => again.synced() && again.lines().length === 6, 'reloaded');
		await server.stop();
	});

	it('sends an update published by the app (restore, import) to connected clients', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 1, (i) => `Skribent ${i}`);
		const server = await startServer(db.url);
		const client = connect(server.url, documentId, { token: people[0]!.token });
		clients.push(client);
		await waitFor(() => client.synced(), 'synced');
		client.addLine('före');
		await waitFor(async () => (await storedLines(documentId)).length === 1, 'stored');

		const restored = store.toDoc((await store.load(db.sql, documentId)).state);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('återställd')]);
		const before = Y.encodeStateVector(restored);
		restored.getXmlFragment(FRAGMENT).insert(1, [paragraph]);
		await store.publish(db.sql, documentId, Y.encodeStateAsUpdate(restored, before));
		await waitFor(() => client.lines().includes('återställd'), 'published update received');
		expect(client.lines()).toEqual(['före', 'återställd']);
		await server.stop();
	});
});
