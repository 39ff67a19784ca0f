import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, open as openFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { isHttpError } from '@sveltejs/kit';
import { z } from 'zod';
import { cleanText } from '$lib/server/forms';
import { sql, withLock, type Db } from '$lib/server/platform';
import { blobPath, storeDir } from './slide-store.ts';
import type { SessionFile } from '../../events/types.ts';

// Slides of a programme session (PDF or PowerPoint, at most 50 MB). The upload arrives as a
// stream on disk (platform/multipart.ts) and is copied into a temporary file of this store
// while it is hashed and counted, so a 50 MB file is never held in memory; it is then checked by content
// and renamed into a content-addressed store of their own. The row goes through the caller's
// client, so RLS decides (the event's organizers add, the event's readers download).

export const MAX_BYTES = 50 * 1024 * 1024;

const PDF = 'application/pdf';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const PPT = 'application/vnd.ms-powerpoint';

export type Refusal = 'empty' | 'too_large' | 'wrong_type' | 'no_file' | 'not_allowed';
export type Uploaded = { ok: true; id: string } | { ok: false; reason: Refusal };

interface Received {
	tmp: string;
	filename: string;
	size: number;
	sha256: string;
	truncated: boolean;
}

// The one file field `slides`: the route's multipart body was streamed to a temporary file
// by platform/multipart.ts (the hook wires `request.formData()` to it), so the File here is
// read from disk, not memory.
async function receive(request: Request): Promise<Received | null> {
	// The platform's answers (a body cut off for its size: 413; a malformed one: 400) stand;
	// anything else unreadable is "no file".
	const form = await request.formData().catch((cause: unknown) => {
		if (isHttpError(cause)) throw cause;
		return null;
	});
	const file = form?.get('slides');
	if (!(file instanceof File)) return null;
	if (file.size > MAX_BYTES) {
		return { tmp: '', filename: file.name, size: file.size, sha256: '', truncated: true };
	}
	return toTemporary(Readable.fromWeb(file.stream() as WebStream<Uint8Array>), file.name);
}

async function toTemporary(stream: Readable, filename: string): Promise<Received> {
	const dir = join(storeDir(), '.tmp');
	await mkdir(dir, { recursive: true });
	const tmp = join(dir, randomUUID());
	const hash = createHash('sha256');
	let size = 0;
	stream.on('data', (chunk: Buffer) => {
		hash.update(chunk);
		size += chunk.length;
	});
	await pipeline(stream, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
	return { tmp, filename, size, sha256: hash.digest('hex'), truncated: false };
}

/** The media type by the first bytes (and for a zip, the name), or null when not slides. */
async function sniff(path: string, filename: string): Promise<string | null> {
	const handle = await openFile(path, 'r');
	try {
		const head = Buffer.alloc(8);
		await handle.read(head, 0, 8, 0);
		if (head.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
		const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
		if (zip && /\.pptx$/i.test(filename)) return PPTX;
		const ole = head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
		if (ole && /\.ppt$/i.test(filename)) return PPT;
		return null;
	} finally {
		await handle.close();
	}
}

function displayName(raw: string): string {
	const base = cleanText(raw).split(/[\\/]/).pop()!.trim().slice(-200);
	return base || 'bilder';
}

/** Receives, checks and stores the uploaded slides of a session. */
export async function upload(
	db: Db,
	sessionId: string,
	request: Request,
	uploadedBy: string
): Promise<Uploaded> {
	const got = await receive(request);
	if (!got) return { ok: false, reason: 'no_file' };
	try {
		if (got.truncated) return { ok: false, reason: 'too_large' };
		if (got.size === 0) return { ok: false, reason: 'empty' };
		const mediaType = await sniff(got.tmp, got.filename);
		if (!mediaType) return { ok: false, reason: 'wrong_type' };
		return await withLock(`event-file:${got.sha256}`, async () => {
			const target = blobPath(got.sha256);
			await mkdir(dirname(target), { recursive: true });
			await rename(got.tmp, target);
			const { data, error } = await db
				.from('event_session_files')
				.insert({
					session_id: sessionId,
					filename: displayName(got.filename),
					media_type: mediaType,
					size_bytes: got.size,
					sha256: got.sha256,
					uploaded_by: uploadedBy
				})
				.select('id')
				.single();
			if (!error) return { ok: true as const, id: (data as { id: string }).id };
			await discardIfUnused(got.sha256);
			if (error.code === '42501') return { ok: false as const, reason: 'not_allowed' as const };
			throw new Error(`event_session_files: ${error.message}`);
		});
	} finally {
		if (got.tmp) await rm(got.tmp, { force: true });
	}
}

// Whether any row still points at the bytes; every event's rows count, which the caller's RLS
// would hide, so the privileged pool answers (and reads nothing else).
async function discardIfUnused(sha256: string): Promise<void> {
	const [row] = await sql()`select exists (
		select 1 from public.event_session_files where sha256 = ${sha256}) as used`;
	if (!row?.used) await unlink(blobPath(sha256)).catch(() => undefined);
}

export async function remove(db: Db, sessionId: string, fileId: string): Promise<boolean> {
	if (!z.uuid().safeParse(fileId).success) return false;
	const { data, error } = await db
		.from('event_session_files')
		.delete()
		.eq('id', fileId)
		.eq('session_id', sessionId)
		.select('sha256');
	if (error) throw new Error(`event_session_files: ${error.message}`);
	for (const { sha256 } of data as { sha256: string }[]) {
		await withLock(`event-file:${sha256}`, () => discardIfUnused(sha256));
	}
	return data.length > 0;
}

/** The file and a stream of its bytes, when the caller may read its event. */
export async function open(
	db: Db,
	fileId: string
): Promise<{ file: SessionFile; stream: ReadStream } | null> {
	if (!z.uuid().safeParse(fileId).success) return null;
	const { data, error } = await db
		.from('event_session_files')
		.select('id, filename, media_type, size_bytes, sha256')
		.eq('id', fileId)
		.maybeSingle();
	if (error) throw new Error(`event_session_files: ${error.message}`);
	if (!data) return null;
	const r = data as {
		id: string;
		filename: string;
		media_type: string;
		size_bytes: number;
		sha256: string;
	};
	const path = blobPath(r.sha256);
	if (!(await stat(path).catch(() => null))) return null;
	const file = { id: r.id, filename: r.filename, mediaType: r.media_type, sizeBytes: r.size_bytes };
	return { file, stream: createReadStream(path) };
}
