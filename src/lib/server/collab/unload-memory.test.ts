import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/world.ts';
import { connect, type Client } from './testing/clients.ts';
import { addMember, buildDocument, signedIn, startServer, waitFor } from './testing/fixtures.ts';
import { Room } from './room.ts';

// An unloaded document must leave nothing behind: the soak (bench/soak) found the first
// document a process stored kept in memory for good, held by postgres.js, which keeps an Error
// made at the first run of each query text, and so its stack's receivers and closures. Each
// test file runs in a fresh process, so this document is that first one here.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const db = useTestDatabase();
const clients: Client[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));

/** The server's Y.Docs as it loads them, held weakly (a spy's recorded results would hold them). */
const loaded: WeakRef<Y.Doc>[] = [];
const open = Room.open.bind(Room);
Room.open = async (ctx, id) => {
	const room = await open(ctx, id);
	loaded.push(new WeakRef(room.doc));
	return room;
};
afterAll(() => {
	Room.open = open;
});

async function collected(ref: WeakRef<object>): Promise<boolean> {
	for (let i = 0; i < 20; i++) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		gc();
		if (!ref.deref()) return true;
	}
	return false;
}

describe('unloading a document', () => {
	it('lets its content be garbage collected once its last client has left', async () => {
		const { groupId, documentId } = await buildDocument(db.sql);
		const person = await signedIn(db.sql, 'Skribent');
		await addMember(db.sql, groupId, person.id);
		const server = await startServer(db.url);
		try {
			const client = connect(server.url, documentId, { token: person.token });
			clients.push(client);
			await waitFor(() => client.synced(), 'synced');
			client.addLine('Första raden');
			// Stored as a contributor: every storing step has run once.
			await waitFor(
				async () =>
					(
						await db.sql`select 1 from public.document_contributors
						where document_id = ${documentId} and user_id = ${person.id}`
					).length > 0,
				'contributor recorded'
			);
			expect(loaded).toHaveLength(1);
			client.destroy();
			await waitFor(() => server.collab.stats().documents === 0, 'document unloaded');
			expect(await collected(loaded[0]!)).toBe(true);
		} finally {
			await server.stop();
		}
	});
});
