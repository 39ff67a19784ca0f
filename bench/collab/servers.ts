// What the collaboration benchmarks run against: a PostgreSQL of their own (the embedded one
// the app starts, migrated as the app migrates it), editors with sessions and documents made
// with the collab tests' fixtures, and the two servers as child processes so that their CPU
// and memory are theirs alone: Erfa's collaboration server (its standalone launcher, with the
// app's default timings) and the reference @y/websocket-server (its own bin, in memory only);
// withSetup() wraps a benchmark's run in a database, its editors and a load generator.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { Limits } from '../../src/lib/collab/protocol.ts';
import { defaultTimings } from '../../src/lib/server/collab/index.ts';
import { buildDocument, signedIn } from '../../src/lib/server/collab/testing/fixtures.ts';
import { spawnServer } from '../../src/lib/server/collab/testing/processes.ts';
import { startEmbeddedPostgres } from '../../src/lib/server/platform/embedded-postgres.ts';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import {
	connect,
	ensureDatabase,
	prepareDatabase
} from '../../src/lib/server/platform/services.ts';
import { root } from '../shared/benchmark.ts';
import { benchDataDir, removeDataDir } from '../shared/erfa.ts';
import { LoadGenerator } from './load.ts';
import type { Seat } from './protocol.ts';

export interface CollabDatabase {
	url: string;
	sql: Sql;
	stop(): Promise<void>;
}

/** A fresh, migrated database on an embedded PostgreSQL with the app's (durable) settings. */
export async function startDatabase(label: string): Promise<CollabDatabase> {
	const dataDir = benchDataDir(label);
	const pg = await startEmbeddedPostgres({
		dataDir,
		port: await freePort(),
		password: crypto.randomUUID()
	});
	try {
		await ensureDatabase(pg.url('postgres'), 'erfa');
		const url = pg.url('erfa');
		const sql = connect(url, 4);
		await prepareDatabase(sql);
		return {
			url,
			sql,
			async stop() {
				await sql.end({ timeout: 2 });
				await pg.stop();
				await removeDataDir(dataDir);
			}
		};
	} catch (error) {
		await pg.stop();
		await removeDataDir(dataDir);
		throw error;
	}
}

export interface Editor {
	id: string;
	token: string;
}

/** People with live sessions, as signed-in browsers hold them. */
export async function createEditors(sql: Sql, count: number): Promise<Editor[]> {
	const editors: Editor[] = [];
	for (let i = 0; i < count; i++) {
		const { id, token } = await signedIn(sql, `Skribent ${i + 1}`);
		editors.push({ id, token });
	}
	return editors;
}

/** Documents (each in a group of its own) that every one of `editors` may edit. */
export async function createDocuments(
	sql: Sql,
	count: number,
	editors: Editor[]
): Promise<string[]> {
	const made = [];
	for (let i = 0; i < count; i++) made.push(await buildDocument(sql));
	await sql`insert into public.group_members (group_id, user_id)
		select g, u from unnest(${made.map((d) => d.groupId)}::uuid[]) g
		cross join unnest(${editors.map((e) => e.id)}::uuid[]) u`;
	return made.map((d) => d.documentId);
}

/**
 * `perDocument` seats in each document, document after document; the editors are dealt out in
 * turn (editor i of the first document is editors[i]), so with editorsFor() of them nobody holds
 * more connections than a person may. Without editors (the reference) the seats carry no session.
 */
export function seats(documents: string[], perDocument: number, editors?: Editor[]): Seat[] {
	return documents.flatMap((documentId, d) =>
		Array.from({ length: perDocument }, (_, i) => ({
			documentId,
			token: editors ? editors[(d * perDocument + i) % editors.length]!.token : null,
			key: `d${d}e${i}`
		}))
	);
}

/**
 * Editors enough for `documents` × `perDocument` seats: different people within a document, and
 * at most half the connections a person may hold in one process (Limits) each.
 */
export const editorsFor = (documents: number, perDocument: number) =>
	Math.max(
		perDocument,
		Math.ceil((documents * perDocument * 2) / Limits.maxConnectionsPerPersonInProcess)
	);

/** A database, the editors and a generator for `body`; all stopped afterwards. */
export async function withSetup<T>(
	label: string,
	editorCount: number,
	body: (db: CollabDatabase, editors: Editor[], generator: LoadGenerator) => Promise<T>
): Promise<T> {
	const db = await startDatabase(label);
	const generator = new LoadGenerator(2);
	try {
		const editors = await createEditors(db.sql, editorCount);
		return await body(db, editors, generator);
	} finally {
		await generator.close();
		await db.stop();
	}
}

export interface CollabServer {
	name: 'Erfa' | 'reference';
	pid: number;
	/** y-websocket's server URL; the client appends /<document id>. */
	url: string;
	output: string[];
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

const track = (child: ChildProcess) => {
	running.add(child);
	child.once('exit', () => running.delete(child));
};

/**
 * BENCH_PROFILE=<dir>: Erfa's server writes a CPU profile there when it stops (open it in
 * Chrome's DevTools), and logs its garbage collections (--trace-gc) with its output.
 */
const profileArgs = (dir = process.env.BENCH_PROFILE) =>
	dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--trace-gc'] : [];

/** With BENCH_PROFILE, a server's output (its log, its GC trace) is kept beside its profile. */
function keepOutput(name: string, pid: number, output: string[]): void {
	const dir = process.env.BENCH_PROFILE;
	if (dir) writeFileSync(join(dir, `${name}-${pid}.log`), output.join(''));
}

export async function startErfa(databaseUrl: string): Promise<CollabServer> {
	// The app's own timings, not the tests' short ones: this is what production runs.
	const timings = { ...defaultTimings };
	const server = await spawnServer(databaseUrl, await freePort(), timings, profileArgs());
	track(server.child);
	return {
		name: 'Erfa',
		pid: server.child.pid!,
		url: server.url,
		output: server.output,
		stop: async () => {
			await server.kill('SIGTERM');
			keepOutput('erfa', server.child.pid!, server.output);
		}
	};
}

/** The reference's bin, as its package declares it; no YPERSISTENCE, so memory only. */
export async function startReference(): Promise<CollabServer> {
	const port = await freePort();
	const packageDir = join(root, 'node_modules/@y/websocket-server');
	const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
		bin: Record<string, string>;
	};
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
	for (const key of ['YPERSISTENCE', 'CALLBACK_URL', 'GC']) delete env[key];
	const bin = join(packageDir, pkg.bin['y-websocket-server']!);
	// It has no SIGTERM handler of its own; exiting normally is what writes a profile.
	const exitOnTerm = `--import=data:text/javascript,process.once('SIGTERM',()=>process.exit(0))`;
	const profiling = profileArgs();
	const args = profiling.length ? [...profiling, exitOnTerm, bin] : [bin];
	const child = spawn(process.execPath, args, {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	track(child);
	const output: string[] = [];
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
		child.stdout!.on('data', (chunk: Buffer) => {
			output.push(chunk.toString());
			if (chunk.toString().includes('running at')) resolve();
		});
		child.once('exit', (code) =>
			reject(new Error(`reference exited (${code}): ${output.join('')}`))
		);
	});
	return {
		name: 'reference',
		pid: child.pid!,
		url: `ws://127.0.0.1:${port}/collab`,
		output,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			keepOutput('reference', child.pid!, output);
		}
	};
}

/** Erfa's warnings and errors while measuring, counted by event (slow_client, close, …). */
export function problems(output: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const line of output.join('').split('\n')) {
		if (!/"level":"(warn|error)"/.test(line)) continue;
		const event = /"event":"([^"]+)"/.exec(line)?.[1] ?? 'unparsed';
		counts[event] = (counts[event] ?? 0) + 1;
	}
	return counts;
}

export const packageVersion = (name: string): string =>
	(
		JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;
