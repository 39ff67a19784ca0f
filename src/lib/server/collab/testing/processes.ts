import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ORIGIN } from './fixtures.ts';

// Collaboration servers as child processes (testing/standalone.ts), for the tests that kill one
// or run two side by side.

export interface ServerProcess {
	child: ChildProcess;
	url: string;
	/** Everything it printed (its JSON log lines). */
	output: string[];
	kill(signal: NodeJS.Signals): Promise<void>;
}

export async function spawnServer(
	databaseUrl: string,
	port: number,
	options: Record<string, unknown> = {},
	nodeArgs: string[] = []
): Promise<ServerProcess> {
	const script = join(import.meta.dirname, 'standalone.ts');
	const child = spawn(process.execPath, [...nodeArgs, script], {
		env: {
			...process.env,
			PORT: String(port),
			DATABASE_URL: databaseUrl,
			ORIGIN,
			COLLAB_OPTIONS: JSON.stringify({ batchDelayMs: 20, contentDelayMs: 50, ...options })
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		// Read both pipes to the end: a full pipe would stall the child.
		child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
		child.stdout!.on('data', (chunk: Buffer) => {
			output.push(chunk.toString());
			if (chunk.toString().split('\n').includes('ready')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output.join('')}`)));
	});
	return {
		child,
		url: `ws://127.0.0.1:${port}/collab`,
		output,
		async kill(signal) {
			child.kill(signal);
			await exited;
		}
	};
}
