import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import Busboy, { type BusboyFileStream } from '@fastify/busboy';

// The routes that take files read their form through a streaming multipart parser
// (@fastify/busboy): each file goes straight to a temporary file as it arrives, and the form
// hands out Files backed by those files on disk (fs.openAsBlob). The platform's own
// `request.formData()` would first hold the whole body in memory and then the parsed copy:
// a 27 MB upload held twice. Nothing is read before the route asks for its form, so a route
// that refuses the caller never reads the body at all. The temporary files are removed when
// the response is done.

export interface Limits {
	/** Bytes per file; a file over it is cut just past it, so its size still tells. */
	fileSize: number;
	files: number;
	fields: number;
	fieldSize: number;
}

export class BadUpload extends Error {}

/** The body grew past the route's limit, or past the length it declared, while it was read
 * (the server's reader fails the stream with a 413). */
export class TooLarge extends BadUpload {}

export interface Upload {
	/** Parses the body on the first call; later calls get the same form. */
	formData(): Promise<FormData>;
	/** Removes the temporary files. */
	cleanup(): Promise<void>;
}

/** A streaming reader of `request`'s multipart body, writing files under `dir`. */
export function upload(request: Request, dir: string, limits: Limits): Upload {
	let parsed: Promise<FormData> | null = null;
	const written: string[] = [];
	return {
		formData: () => (parsed ??= parse(request, dir, limits, written)),
		cleanup: async () => {
			await parsed?.catch(() => undefined);
			await Promise.all(written.map((path) => rm(path, { force: true })));
		}
	};
}

async function parse(request: Request, dir: string, limits: Limits, written: string[]) {
	const type = request.headers.get('content-type') ?? '';
	if (!request.body) throw new BadUpload('no body');
	await mkdir(dir, { recursive: true });
	// Kept in the body's order: files finish writing later than the fields after them arrive.
	const entries: [string, string | Promise<File>][] = [];
	const parser = Busboy({
		headers: { 'content-type': type },
		// One byte past the limit: the domain sees a file that is too large and says so.
		limits: { ...limits, fileSize: limits.fileSize + 1 }
	});
	parser.on('field', (name, value) => entries.push([name, value]));
	parser.on('file', (name, stream, filename, _encoding, mimeType) => {
		const path = join(dir, randomUUID());
		written.push(path);
		const file = store(stream, path).then(() => asFile(path, filename, mimeType));
		// A body cut short fails the parse as a whole; this file's own failure is that one.
		file.catch(() => undefined);
		entries.push([name, file]);
	});
	const form = new FormData();
	try {
		await pipeline(Readable.fromWeb(request.body as WebStream<Uint8Array>), parser);
		for (const [name, value] of entries) form.append(name, await value);
	} catch (cause) {
		if ((cause as { status?: unknown } | null)?.status === 413) {
			throw new TooLarge('body over its limit', { cause });
		}
		throw new BadUpload('malformed multipart body', { cause });
	}
	return form;
}

async function store(stream: BusboyFileStream, path: string): Promise<void> {
	await pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
}

async function asFile(path: string, filename: string, mimeType: string): Promise<File> {
	const type = mimeType || 'application/octet-stream';
	// The File refers to the blob's bytes on disk; nothing is read until the domain reads it.
	return new File([await openAsBlob(path, { type })], filename, { type });
}
