import { afterAll, describe, expect, it } from 'vitest';
import * as store from '../documents/store.ts';
import { useTestDatabase } from '../testing/world.ts';
import { connect, linesOf, type Client } from './testing/clients.ts';
import { documentWithEditors, startServer, waitFor } from './testing/fixtures.ts';
import { sleep } from './testing/random.ts';

// Processes serving one document tell each other only while more than one has it open: alone,
// a process sends nothing on the document's channel; one that opens it later is told what was
// typed before the two knew of each other.

const db = useTestDatabase();
const clients: Client[] = [];
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await Promise.all(stops.map((stop) => stop()));
});

async function server() {
	const started = await startServer(db.url);
	stops.push(() => started.stop());
	return started;
}

function client(url: string, documentId: string, token: string) {
	const c = connect(url, documentId, { token });
	clients.push(c);
	return c;
}

const storedLines = async (documentId: string) =>
	linesOf(store.toDoc((await store.load(db.sql, documentId)).state));

/** What arrives on the document's channel, as parsed notices. */
async function overhear(documentId: string) {
	const heard: { kind: string; from?: string; seq?: number }[] = [];
	const listening = await db.sql.listen(store.documentChannel(documentId), (payload) =>
		heard.push(JSON.parse(payload))
	);
	stops.push(() => listening.unlisten());
	const kinds = () => heard.map((notice) => notice.kind);
	return { heard, kinds };
}

const say = (documentId: string, notice: object) =>
	db.sql`select pg_notify(${store.documentChannel(documentId)}, ${JSON.stringify(notice)})`;

describe('a process alone with a document', () => {
	it('sends nothing while its clients type, until another process says hello', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 1);
		const channel = await overhear(documentId);
		const one = await server();
		const writer = client(one.url, documentId, people[0]!.token);
		await waitFor(() => writer.synced(), 'synced');
		await waitFor(() => channel.kinds().includes('hello'), 'its hello');
		const serverId = channel.heard[0]!.from;

		for (let i = 0; i < 5; i++) writer.addLine(`ensam ${i}`);
		await waitFor(async () => (await storedLines(documentId)).length === 5, 'stored');
		expect(channel.kinds()).toEqual(['hello']);

		// Another process opens the document: it is answered and told to read the store…
		await say(documentId, { kind: 'hello', from: 'another-process' });
		await waitFor(() => channel.kinds().includes('stored'), 'the store announced');
		expect(channel.heard).toContainEqual({ kind: 'here', from: serverId });
		// …and the edits that follow are sent to it.
		writer.addLine('nu hörs det');
		await waitFor(() => channel.kinds().includes('update'), 'an update sent');

		// Once it has closed the document (its bye read), what is typed is sent no more.
		await say(documentId, { kind: 'bye', from: 'another-process' });
		let n = 0;
		await waitFor(async () => {
			const [heard, line] = [channel.heard.length, `tyst igen ${n++}`];
			writer.addLine(line);
			await waitFor(async () => (await storedLines(documentId)).includes(line), 'stored');
			return channel.heard.length === heard;
		}, 'edits no longer sent');
	});
});

describe('a process that opens a document another is serving', () => {
	it('gets everything typed before and after, and its own edits reach the first', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 2);
		const one = await server();
		const first = client(one.url, documentId, people[0]!.token);
		await waitFor(() => first.synced(), 'first synced');

		// Typing goes on while the second process starts: some edits are still waiting in the
		// first's batch when the second reads the store.
		const typed: string[] = [];
		let typing = true;
		const typist = (async () => {
			for (let n = 0; typing; n++) {
				first.addLine(`först ${n}`);
				typed.push(`först ${n}`);
				await sleep(5);
			}
		})();
		await waitFor(() => typed.length > 10, 'typing');
		const two = await server();
		const second = client(two.url, documentId, people[1]!.token);
		await waitFor(() => second.synced(), 'second synced');
		await waitFor(() => typed.length > 40, 'more typing');
		typing = false;
		await typist;
		second.addLine('från den andra');

		const same = () => JSON.stringify(first.lines()) === JSON.stringify(second.lines());
		await waitFor(() => same() && first.lines().includes('från den andra'), 'convergence');
		expect([...second.lines()].sort()).toEqual([...typed, 'från den andra'].sort());
	});

	it('shows who is already there at once, not at their next renewal', async () => {
		const { documentId, people } = await documentWithEditors(db.sql, 2);
		const one = await server();
		const first = client(one.url, documentId, people[0]!.token);
		first.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
		await waitFor(() => first.synced(), 'first synced');

		const two = await server();
		const second = client(two.url, documentId, people[1]!.token);
		// Well under y-protocols' renewal (every 15 s): only the join itself can bring it.
		await waitFor(
			() => second.provider.awareness.getStates().has(first.doc.clientID),
			'the first editor shown',
			5000
		);
		expect(second.provider.awareness.getStates().get(first.doc.clientID)).toMatchObject({
			cursor: { anchor: 1 },
			user: { id: people[0]!.id }
		});
	});
});
