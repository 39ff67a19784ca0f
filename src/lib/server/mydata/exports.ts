import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { throttle } from '$lib/server/auth';
import { readConfig, sql as db } from '$lib/server/platform';
import { collect } from './collect.ts';

// "Ladda ner mina uppgifter" runs beside requests, like mail delivery: a request only writes a
// row; a worker in each app process claims rows with SKIP LOCKED (never the same one twice),
// writes the ZIP under DATA_DIR/exports and marks it ready. Ready files are offered for
// EXPORT_DAYS days, then the worker deletes file and row (the privacy page says so).

export const EXPORT_DAYS = 7;
const MAX_ATTEMPTS = 3;
const perUser: throttle.Limit = { max: 5, windowSeconds: 24 * 60 * 60 };

export interface ExportStatus {
	id: string;
	status: 'pending' | 'running' | 'ready' | 'failed';
	sizeBytes: number | null;
	requestedAt: Date;
	expiresAt: Date | null;
}

const exportsDir = () => join(readConfig().dataDir, 'exports');
const fileOf = (id: string) => join(exportsDir(), `${id}.zip`);

/** The person's latest export that is still of use (waiting, ready and unexpired, or failed). */
export async function latest(sql: Sql, userId: string): Promise<ExportStatus | null> {
	const [row] = await sql`select id, status, size_bytes, requested_at, expires_at
		from erfa_private.data_exports where user_id = ${userId}
			and (expires_at is null or expires_at > now())
		order by requested_at desc limit 1`;
	if (!row) return null;
	return {
		id: row.id,
		status: row.status,
		sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
		requestedAt: row.requested_at,
		expiresAt: row.expires_at
	};
}

export type Requested =
	| { kind: 'queued'; id: string }
	| { kind: 'busy' }
	| { kind: 'throttled'; retryAfterSeconds: number };

export async function request(sql: Sql, userId: string): Promise<Requested> {
	const verdict = await throttle.hitAll(sql, [throttle.perUser('export', userId, perUser)]);
	if (!verdict.allowed) return { kind: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	const [row] = await sql`insert into erfa_private.data_exports (user_id)
		select ${userId} where not exists (select 1 from erfa_private.data_exports
			where user_id = ${userId} and status in ('pending', 'running'))
		returning id`;
	if (!row) return { kind: 'busy' };
	kick();
	return { kind: 'queued', id: row.id };
}

/** Claims and produces one waiting export; false when there was none. */
export async function runOne(sql: Sql): Promise<boolean> {
	const [job] = await sql`update erfa_private.data_exports set status = 'running',
			started_at = now(), attempts = attempts + 1
		where id = (select id from erfa_private.data_exports
			where status = 'pending' or (status = 'running' and started_at < now() - interval '10 minutes')
			order by requested_at limit 1 for update skip locked)
		returning id, user_id, attempts`;
	if (!job) return false;
	try {
		// The archive's packages (jszip, the experiences domain) are loaded with the first export,
		// not when the worker starts (issue 17).
		const { build } = await import('./archive.ts');
		const zip = await build(await collect(sql, job.user_id));
		await mkdir(exportsDir(), { recursive: true });
		const temporary = `${fileOf(job.id)}.${process.pid}.part`;
		await writeFile(temporary, zip, { mode: 0o600 });
		await rename(temporary, fileOf(job.id));
		await sql`update erfa_private.data_exports set status = 'ready', ready_at = now(),
			size_bytes = ${zip.byteLength},
			expires_at = now() + make_interval(days => ${EXPORT_DAYS}) where id = ${job.id}`;
	} catch (error) {
		console.error('[mydata] export failed', (error as Error).message);
		const status = job.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
		await sql`update erfa_private.data_exports set status = ${status} where id = ${job.id}`;
	}
	return true;
}

/** Deletes expired exports, file first, so no ZIP outlives its row. */
export async function prune(sql: Sql): Promise<number> {
	const expired = await sql`select id from erfa_private.data_exports
		where expires_at < now() or (status = 'failed' and requested_at < now() - interval '1 day')`;
	for (const { id } of expired) {
		await rm(fileOf(id), { force: true });
		await sql`delete from erfa_private.data_exports where id = ${id}`;
	}
	return expired.length;
}

/** The person's own ready export as a stream, or null (someone else's, expired, not ready). */
export async function download(sql: Sql, userId: string, id: string) {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	const [row] = await sql`select id, size_bytes, ready_at from erfa_private.data_exports
		where id = ${id} and user_id = ${userId} and status = 'ready' and expires_at > now()`;
	if (!row) return null;
	const day = (row.ready_at as Date).toISOString().slice(0, 10);
	return {
		stream: createReadStream(fileOf(row.id)),
		size: Number(row.size_bytes),
		filename: `erfa-mina-uppgifter-${day}.zip`
	};
}

let running: Promise<unknown> = Promise.resolve();
let timer: NodeJS.Timeout | undefined;

/** Runs what is waiting, one export after the other, in this process. */
export function kick(): void {
	running = running
		.then(async () => {
			while (await runOne(db()));
		})
		.catch((error: unknown) => console.error('[mydata] worker failed', error));
}

/** Picks up what other processes left, and prunes, every minute. */
export function start(): void {
	if (timer) return;
	timer = setInterval(() => {
		kick();
		prune(db()).catch((error: unknown) => console.error('[mydata] prune failed', error));
	}, 60_000);
	timer.unref();
	kick();
}

/** Resolves when what was kicked so far is done (tests and shutdown). */
export function idle(): Promise<unknown> {
	return running;
}
