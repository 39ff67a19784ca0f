import { afterAll, beforeAll } from 'vitest';
import { connect, type Client } from './clients.ts';
import { startServer, type TestServer } from './fixtures.ts';

/**
 * A collaboration server for one test file: started before its tests on the file's database,
 * stopped after them together with every client `client()` connected. (Kept apart from
 * fixtures.ts, which the benchmarks import outside vitest.)
 */
export function useCollabServer(db: { url: string }) {
	let server: TestServer;
	const clients: Client[] = [];
	beforeAll(async () => {
		server = await startServer(db.url);
	});
	afterAll(async () => {
		clients.forEach((c) => c.destroy());
		await server?.stop();
	});
	return {
		/** A real y-websocket client of `documentId`, signed in with `token`. */
		client(documentId: string, token: string): Client {
			const c = connect(server.url, documentId, { token });
			clients.push(c);
			return c;
		}
	};
}
