// A running Erfa seen through Node's inspector (the benchmark starts it with
// NODE_OPTIONS=--inspect=127.0.0.1:<port>, loopback only): its heap and other memory as the
// process itself counts them, a forced garbage collection, and heap snapshots. Nothing is added
// to the app for this, so no endpoint that forces a collection can ever be reached in production.
import { createWriteStream } from 'node:fs';
import { WebSocket } from 'ws';

export interface ProcessMemory {
	rssMb: number;
	heapTotalMb: number;
	heapUsedMb: number;
	externalMb: number;
	arrayBuffersMb: number;
}

/** NODE_OPTIONS that open the inspector on `port`, on the loopback address only. */
export const inspectOptions = (port: number) => `--inspect=127.0.0.1:${port}`;

type Listener = (params: Record<string, unknown>) => void;

export class Inspector {
	private ws: WebSocket;
	private next = 1;
	private waiting = new Map<number, (message: Record<string, unknown>) => void>();
	private listeners = new Map<string, Listener>();

	private constructor(ws: WebSocket) {
		this.ws = ws;
		ws.on('message', (data: Buffer) => {
			const message = JSON.parse(data.toString()) as Record<string, unknown>;
			if (typeof message.id === 'number') {
				this.waiting.get(message.id)?.(message);
				this.waiting.delete(message.id);
			} else if (typeof message.method === 'string') {
				this.listeners.get(message.method)?.(message.params as Record<string, unknown>);
			}
		});
	}

	static async connect(port: number): Promise<Inspector> {
		const targets = (await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json())) as {
			webSocketDebuggerUrl: string;
		}[];
		const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
		await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
		return new Inspector(ws);
	}

	send(method: string, params: object = {}): Promise<Record<string, unknown>> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, (message) =>
				message.error
					? reject(new Error(`${method}: ${JSON.stringify(message.error)}`))
					: resolve((message.result ?? {}) as Record<string, unknown>)
			);
			this.ws.send(JSON.stringify({ id, method, params }));
		});
	}

	/** process.memoryUsage() inside the app, in MB. */
	async memory(): Promise<ProcessMemory> {
		const expression = 'JSON.stringify(process.memoryUsage())';
		const reply = await this.send('Runtime.evaluate', { expression, returnByValue: true });
		const usage = JSON.parse((reply.result as { value: string }).value) as Record<string, number>;
		const mb = (bytes = 0) => Math.round((bytes / 1024 / 1024) * 10) / 10;
		return {
			rssMb: mb(usage.rss),
			heapTotalMb: mb(usage.heapTotal),
			heapUsedMb: mb(usage.heapUsed),
			externalMb: mb(usage.external),
			arrayBuffersMb: mb(usage.arrayBuffers)
		};
	}

	/** A full, forced garbage collection. */
	async collectGarbage(): Promise<void> {
		await this.send('HeapProfiler.collectGarbage');
	}

	/** Writes a heap snapshot (Chrome DevTools' format) to `file`. */
	async heapSnapshot(file: string): Promise<void> {
		const out = createWriteStream(file);
		this.listeners.set('HeapProfiler.addHeapSnapshotChunk', (p) => out.write(p.chunk as string));
		await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
		this.listeners.delete('HeapProfiler.addHeapSnapshotChunk');
		await new Promise((resolve) => out.end(resolve));
	}

	close(): void {
		this.ws.close();
	}
}
