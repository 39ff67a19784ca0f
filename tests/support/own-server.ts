// An Erfa of a test's own: the built app on a fresh demo database (tests/support/server.ts on
// free ports), for tests whose writes must not reach the shared instance (the fuzz) or which must
// not see what the other tests wrote (the screenshots). `external` points at a running Erfa instead.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '../../src/lib/server/platform/ports.ts';

const root = join(import.meta.dirname, '../..');

export async function startServer(
	external?: string
): Promise<{ origin: string; stop: () => Promise<void> }> {
	if (external) return { origin: external, stop: async () => {} };
	const [port, mailbox] = [await freePort(), await freePort()];
	const child = spawn(process.execPath, ['tests/support/server.ts'], {
		cwd: root,
		env: { ...process.env, E2E_PORT: String(port), E2E_MAILBOX_PORT: String(mailbox) },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let log = '';
	child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
	const origin = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 150_000;
	while (
		!(await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		))
	) {
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`the test's own server did not start:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return {
		origin,
		stop: async () => {
			if (child.exitCode !== null) return;
			// Erfa stops PostgreSQL and PostgREST itself on SIGTERM, and removes its data folder.
			child.kill('SIGTERM');
			const exited = once(child, 'exit');
			const timeout = new Promise((resolve) => setTimeout(resolve, 20_000, 'timeout'));
			if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
		}
	};
}
