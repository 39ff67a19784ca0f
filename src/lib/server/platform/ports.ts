import { createServer } from 'node:net';

/** True when nothing listens on host:port yet (checked by binding to it for a moment). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, host, () => probe.close(() => resolve(true)));
	});
}

/** A port the operating system considers free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, host, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export class StartupError extends Error {}

export async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
	if (!(await isPortFree(port))) {
		throw new StartupError(
			`Port ${port} (${what}) is already in use. Stop whatever uses it (another Erfa?) ` +
				`or choose another port with ${envName}=<port>.`
		);
	}
}
