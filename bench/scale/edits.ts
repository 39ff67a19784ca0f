// One edit across processes: two editors of one document connect through the proxy, whose
// round robin sends the first socket to one process and the second to the other; the first
// writes a mark and the time until the second sees it is measured. Only LISTEN/NOTIFY between
// the processes can carry it there.
import type { Sql } from 'postgres';
import { loadClient, MARKS, type LoadClient, type Mark } from '../collab/client.ts';
import { createDocuments, createEditors } from '../collab/servers.ts';
import type { Proxy } from './proxy.ts';

const timeoutMs = 10_000;

export interface EditAcross {
	arrived: boolean;
	ms: number;
	/** The processes (proxy targets) the writer's and the reader's sockets went to. */
	targets: number[];
}

const within = <T>(promise: Promise<T>, what: string) =>
	Promise.race([
		promise,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`${what}: no answer in ${timeoutMs} ms`)), timeoutMs)
		)
	]);

export async function editAcross(sql: Sql, proxy: Proxy): Promise<EditAcross> {
	const editors = await createEditors(sql, 2);
	const [documentId] = await createDocuments(sql, 1, editors);
	const url = `${proxy.origin.replace(/^http/, 'ws')}/collab`;
	const seat = (i: number) => ({
		documentId: documentId!,
		token: editors[i]!.token,
		origin: proxy.origin
	});
	const before = proxy.upgrades.length;
	let seen: (mark: Mark) => void = () => {};
	const clients: LoadClient[] = [];
	try {
		clients.push(loadClient('lean', url, seat(0), () => {}));
		await within(clients[0]!.synced, 'first socket');
		clients.push(loadClient('lean', url, seat(1), (mark) => seen(mark)));
		await within(clients[1]!.synced, 'second socket');
		const arrivedAt = new Promise<number>((resolve) => (seen = () => resolve(performance.now())));
		const sentAt = performance.now();
		clients[0]!.doc.getMap<Mark>(MARKS).set('writer', { k: 'writer', t: Date.now() });
		const ms = await within(arrivedAt, 'the edit').then(
			(at) => at - sentAt,
			() => NaN
		);
		const targets = proxy.upgrades.slice(before);
		const crossed = new Set(targets).size === 2;
		return { arrived: crossed && Number.isFinite(ms), ms, targets };
	} finally {
		for (const client of clients) client.destroy();
	}
}
