import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as store from '../documents/store.ts';
import { freePort } from '../platform/ports.ts';
import { useTestDatabase } from '../testing/world.ts';
import { connect, linesOf, type Client } from './testing/clients.ts';
import { documentWithEditors, waitFor } from './testing/fixtures.ts';
import { spawnServer, type ServerProcess } from './testing/processes.ts';
import { randomEdit, seeded, sleep } from './testing/random.ts';

// The collaboration server as separate processes: killed without warning, and two of them
// serving one document from one database.

const db = useTestDatabase();
const clients: Client[] = [];
const servers: ServerProcess[] = [];

afterEach((context) => {
	if (context.task.result?.state !== 'fail') return;
	const lines = servers.flatMap((s) => s.output.join('').split('\n'));
	console.error(lines.filter((line) => !line.includes('"level":"info"')).join('\n'));
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
});

async function start(port: number, options: Record<string, unknown> = {}) {
	const server = await spawnServer(db.url, port, options);
	servers.push(server);
	return server;
}

const storedLines = async (documentId: string) =>
	linesOf(store.toDoc((await store.load(db.sql, documentId)).state));

const converged = (all: Client[]) =>
	all.every((c) => c.synced() && JSON.stringify(c.lines()) === JSON.stringify(all[0]!.lines()));

describe('a server killed with -9 while five clients type', () => {
	it('loses no edit once it is back on the same port', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 5);
		const port = await freePort();
		let server = await start(port);
		const five = people.map((p) => connect(server.url, documentId, { token: p.token }));
		clients.push(...five);
		await waitFor(() => five.every((c) => c.synced()), 'all synced');

		const typed: string[] = [];
		let typing = true;
		const typists = five.map(async (client, i) => {
			for (let n = 0; typing; n++) {
				client.addLine(`c${i}-${n}`);
				typed.push(`c${i}-${n}`);
				await sleep(15 + i * 3);
			}
		});
		await waitFor(() => typed.length > 60, 'typing before the kill');
		await server.kill('SIGKILL');
		await waitFor(() => five.every((c) => !c.provider.wsconnected), 'clients noticed');
		const typedWhileDown = typed.length;
		await waitFor(() => typed.length > typedWhileDown + 30, 'typing while down');
		server = await start(port);
		await waitFor(() => five.every((c) => c.synced()), 'all reconnected');
		await waitFor(() => typed.length > typedWhileDown + 60, 'typing after the restart');
		typing = false;
		await Promise.all(typists);

		await waitFor(() => converged(five), 'convergence');
		expect([...five[0]!.lines()].sort()).toEqual([...typed].sort());
		await waitFor(
			async () => (await storedLines(documentId)).length === typed.length,
			'all stored'
		);
		expect(await storedLines(documentId)).toEqual(five[0]!.lines());
		await server.kill('SIGTERM');
	});
});

describe('two server processes on one database', () => {
	it('relay edits and awareness between their clients, small and large', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 5);
		const [one, two] = await Promise.all([start(await freePort()), start(await freePort())]);
		const five = people.map((p, i) =>
			connect((i < 3 ? one : two).url, documentId, { token: p.token })
		);
		clients.push(...five);
		await waitFor(() => five.every((c) => c.synced()), 'all synced');

		const random = seeded(7);
		for (let round = 0; round < 200; round++) {
			randomEdit(five[Math.floor(random() * five.length)]!.doc, random);
			if (round % 10 === 0) await sleep(random() * 20);
		}
		// Too large to travel inline in a NOTIFY: stored first, then announced.
		five[4]!.addLine('x'.repeat(20_000));
		await waitFor(() => converged(five), 'convergence');
		expect(five[0]!.lines()).toContain('x'.repeat(20_000));
		await waitFor(
			async () =>
				JSON.stringify(await storedLines(documentId)) === JSON.stringify(five[0]!.lines()),
			'stored state equal to the clients'
		);

		five[3]!.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
		await waitFor(
			() => five[0]!.provider.awareness.getStates().has(five[3]!.doc.clientID),
			'awareness'
		);
		expect(five[0]!.provider.awareness.getStates().get(five[3]!.doc.clientID)).toMatchObject({
			cursor: { anchor: 1 },
			user: { id: people[3]!.id, name: people[3]!.name }
		});
		five[3]!.provider.disconnect();
		await waitFor(
			() => !five[0]!.provider.awareness.getStates().has(five[3]!.doc.clientID),
			'left'
		);
		await Promise.all([one.kill('SIGTERM'), two.kill('SIGTERM')]);
	});
});
