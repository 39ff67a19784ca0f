// Erfa as a child process, for the benchmarks: a fresh DATA_DIR, starting `node server/start.js`
// (what `npm start` runs)
// on free ports, waiting for /healthz, stopping it and checking that nothing it started
// outlives it, and signing in through the login form.
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import { root } from './benchmark.ts';
import { descendants, isAlive } from './processes.ts';

/** A fresh DATA_DIR under .data (git-ignored), unique per call. */
export function benchDataDir(label: string): string {
	const suffix = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
	return join(root, '.data', `bench-${label}-${suffix}`);
}

export function removeDataDir(dir: string): Promise<void> {
	return rm(dir, { recursive: true, force: true });
}

export interface RunningErfa {
	child: ChildProcess;
	origin: string;
	dataDir: string;
	/** Milliseconds from spawn to the first 200 from /healthz. */
	readyMs: number;
	output: string[];
	/** What Erfa listens on and the PostgreSQL and PostgREST it started. */
	ports: { app: number; postgres: number; rest: number };
}

export interface StartOptions {
	command: 'start' | 'demo';
	/** Where to run `node server/start.js`: a copy from snapshot.ts. */
	appDir: string;
	dataDir: string;
	timeoutMs?: number;
	/** Set after the defaults (e.g. DATABASE_URL for several processes on one database). */
	env?: Record<string, string>;
}

// Children still running are sent SIGTERM if the benchmark itself dies, so a crash never
// leaves an Erfa (and its PostgreSQL) behind.
const live = new Set<ChildProcess>();
process.on('exit', () => live.forEach((child) => child.kill('SIGTERM')));

async function distinctFreePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

export async function startErfa(options: StartOptions): Promise<RunningErfa> {
	const [port, pgPort, restPort] = await distinctFreePorts(3);
	const origin = `http://127.0.0.1:${port}`;
	const env = { ...process.env };
	// Anything pointing Erfa at another database or origin would skew the measurement.
	for (const key of ['DATABASE_URL', 'SUPABASE_URL', 'ORIGIN', 'ERFA_DEBUG']) delete env[key];
	Object.assign(env, {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: options.dataDir,
		ERFA_EMBEDDED_PG_PORT: String(pgPort),
		ERFA_POSTGREST_PORT: String(restPort),
		...options.env
	});
	const started = performance.now();
	const child = spawn(process.execPath, ['server/start.js', options.command], {
		cwd: options.appDir,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	live.add(child);
	const output: string[] = [];
	const collect = (chunk: Buffer) => {
		output.push(...chunk.toString().split('\n').filter(Boolean));
		output.splice(0, Math.max(0, output.length - 60));
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	await waitForHealthy(origin, child, output, options.timeoutMs ?? 120_000);
	const readyMs = performance.now() - started;
	const ports = { app: port!, postgres: pgPort!, rest: restPort! };
	return { child, origin, dataDir: options.dataDir, readyMs, output, ports };
}

async function waitForHealthy(
	origin: string,
	child: ChildProcess,
	output: string[],
	timeoutMs: number
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`Erfa exited before it was ready:\n  | ${output.slice(-15).join('\n  | ')}`);
		}
		const status = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })
			.then((r) => r.status)
			.catch(() => 0);
		if (status === 200) return;
		// 20 ms polling bounds the timing error well below the figures' own spread.
		await new Promise((r) => setTimeout(r, 20));
	}
	await stopErfa({ child });
	throw new Error(
		`Erfa was not healthy within ${timeoutMs} ms:\n  | ${output.slice(-15).join('\n  | ')}`
	);
}

export interface StopReport {
	stopMs: number;
	exitCode: number | null;
	/** True when Erfa ignored SIGTERM for 30 s and had to be killed. */
	killed: boolean;
	/** Processes Erfa started (PostgreSQL, PostgREST) still running after it exited. */
	leftovers: string[];
}

/** SIGTERM, wait for the exit, then list whatever Erfa started that is still alive. */
export async function stopErfa(erfa: Pick<RunningErfa, 'child'>): Promise<StopReport> {
	const { child } = erfa;
	// Listed first (reading /proc takes a moment): once Erfa exits, its orphans are re-parented.
	const before = child.pid ? descendants(child.pid) : [];
	const started = performance.now();
	let killed = false;
	if (child.exitCode === null && child.signalCode === null) {
		await new Promise<void>((resolve) => {
			const force = setTimeout(() => {
				killed = true;
				child.kill('SIGKILL');
			}, 30_000);
			child.once('exit', () => {
				clearTimeout(force);
				resolve();
			});
			child.kill('SIGTERM');
		});
	}
	live.delete(child);
	const stopMs = performance.now() - started;
	const survivors = before.filter((p) => isAlive(p));
	// Reported by the caller; ended here by pid so one bad run does not disturb the next ones.
	for (const p of survivors) {
		try {
			process.kill(p.pid, 'SIGTERM');
		} catch {
			// Already gone (a PostgreSQL worker ends with its postmaster).
		}
	}
	const leftovers = survivors.map((p) => `${p.pid} ${p.command}`);
	return { stopMs, exitCode: child.exitCode, killed, leftovers };
}

/** The error, with its cause and Erfa's last output: a failure under load is otherwise opaque. */
export function withOutput(error: unknown, erfa: RunningErfa): Error {
	const cause =
		error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
	const lines = erfa.output.slice(-15).join('\n  | ');
	return new Error(`${String(error)}${cause}\n  Erfa's last output:\n  | ${lines}`, {
		cause: error
	});
}

/** Signs in through the login form and returns the `erfa_session=…` cookie pair. */
export async function login(origin: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		// SvelteKit refuses cross-site form posts, so Origin marks this one as same-site; without
		// Accept: text/html it answers as to use:enhance (JSON, 200) instead of a browser (303).
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password })
	});
	const session = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith('erfa_session='));
	if (response.status !== 303 || !session) {
		throw new Error(`Login as ${email} failed: HTTP ${response.status}`);
	}
	return session;
}
