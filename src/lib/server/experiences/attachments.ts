import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql, withLock, readConfig, type Db } from '$lib/server/platform';
import { type MediaType, type Attachment, allowedTypes } from '../../experiences/types.ts';

export { allowedTypes, type MediaType, type Attachment };

// Files attached to experience reports. What a file is gets decided by its bytes, never by its
// name or the browser's claim; the name is kept only to show and to suggest when downloading.
// Bytes are stored once per content under DATA_DIR/uploads/<first 2 hex>/<sha256>; rows go
// through the caller's supabase-js client, so row-level security decides who adds and reads.

export const MAX_BYTES = 25 * 1024 * 1024;

const isAllowed = (mime: string): mime is MediaType => Object.hasOwn(allowedTypes, mime);

export type Refusal = 'empty' | 'too_large' | 'wrong_type';

export type Inspected =
	| { ok: true; filename: string; mediaType: MediaType; bytes: Uint8Array; sha256: string }
	| { ok: false; reason: Refusal; filename: string };

/** Reads a submitted file and decides, from its content alone, whether it may be stored. */
export async function inspect(file: File): Promise<Inspected> {
	const shown = cleanName(file.name) || 'bilaga';
	if (file.size > MAX_BYTES) return { ok: false, reason: 'too_large', filename: shown };
	if (file.size === 0) return { ok: false, reason: 'empty', filename: shown };
	const bytes = new Uint8Array(await file.arrayBuffer());
	// Loaded with the first upload, not at start-up (issue 17).
	const { fileTypeFromBuffer } = await import('file-type');
	const detected = await fileTypeFromBuffer(bytes);
	if (!detected || !isAllowed(detected.mime)) {
		return { ok: false, reason: 'wrong_type', filename: shown };
	}
	return {
		ok: true,
		filename: displayName(file.name, detected.mime),
		mediaType: detected.mime,
		bytes,
		sha256: createHash('sha256').update(bytes).digest('hex')
	};
}

// Path parts, control and bidirectional-override characters (which can disguise "exe.pdf" as
// "fdp.exe") and characters other systems refuse in names are dropped.
function cleanName(raw: string): string {
	return raw
		.normalize('NFC')
		.replace(/^.*[\\/]/, '')
		.replace(/[\p{Cc}\p{Cf}]/gu, '')
		.replace(/[<>:"|?*]/g, '_')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+|[\s.]+$/g, '');
}

const sameExtension: Record<string, string[]> = { jpg: ['jpg', 'jpeg', 'jpe'] };

/** The name shown and offered on download: cleaned, at most 200 characters, with an extension
 * that matches the content (a PNG named "report.pdf" becomes "report.pdf.png"). */
export function displayName(raw: string, mediaType: MediaType): string {
	const ext = allowedTypes[mediaType];
	const name = cleanName(raw);
	const dot = name.lastIndexOf('.');
	const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	const fits = (sameExtension[ext] ?? [ext]).includes(current);
	const base = (fits ? name.slice(0, dot) : name) || 'bilaga';
	const suffix = fits ? name.slice(dot) : `.${ext}`;
	return (
		Array.from(base)
			.slice(0, 200 - suffix.length)
			.join('')
			.trimEnd() + suffix
	);
}

function uploadsDir(): string {
	return join(readConfig().dataDir, 'uploads');
}

/** Where the bytes with this hash live. */
export function blobPath(sha256: string): string {
	if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('attachments: bad hash');
	return join(uploadsDir(), sha256.slice(0, 2), sha256);
}

// Written to a temporary file and renamed into place, so a crash never leaves a partial file
// under the final name. Same content means same name, so an existing file is already right.
// Document images (documents/images.ts) share the store, hence the exports below.
export async function writeBlob(sha256: string, bytes: Uint8Array): Promise<void> {
	const target = blobPath(sha256);
	if (await exists(target)) return;
	const tmpDir = join(uploadsDir(), '.tmp');
	await mkdir(tmpDir, { recursive: true });
	await mkdir(dirname(target), { recursive: true });
	const tmp = join(tmpDir, randomUUID());
	try {
		await writeFile(tmp, bytes, { flag: 'wx', mode: 0o640 });
		await rename(tmp, target);
	} finally {
		await rm(tmp, { force: true });
	}
}

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

// Whether any row anywhere still points at the bytes. This must see every group's rows, which
// the caller's RLS would hide, so it asks the privileged pool (and reads nothing else).
export async function discardIfUnused(sha256: string): Promise<void> {
	const [row] = await sql()`select exists (
		select 1 from public.attachments where sha256 = ${sha256}
		union all select 1 from public.document_files where sha256 = ${sha256}
		union all select 1 from public.research_files where sha256 = ${sha256}) as used`;
	if (!row?.used) await unlink(blobPath(sha256)).catch(() => undefined);
}

/** Held while rows pointing at the bytes are added or removed, so none is left dangling. */
export const lockKey = (sha256: string) => `attachment:${sha256}`;

const columns = 'id, experience_id, filename, media_type, size_bytes, created_at';

interface Row {
	id: string;
	experience_id: string;
	filename: string;
	media_type: MediaType;
	size_bytes: number;
	created_at: string;
}

const toAttachment = (r: Row): Attachment => ({
	id: r.id,
	experienceId: r.experience_id,
	filename: r.filename,
	mediaType: r.media_type,
	sizeBytes: r.size_bytes,
	createdAt: r.created_at
});

export type StoreResult =
	| { ok: true; attachment: Attachment; duplicate: boolean }
	| { ok: false; reason: Refusal | 'not_allowed'; filename: string };

// The same content twice on one experience (a re-sent form) is one attachment.
async function sameContent(db: Db, experienceId: string, sha256: string) {
	const { data, error } = await db
		.from('attachments')
		.select(columns)
		.eq('experience_id', experienceId)
		.eq('sha256', sha256)
		.limit(1);
	if (error) throw new Error(`attachments: ${error.message}`);
	return data.length > 0 ? toAttachment(data[0] as Row) : null;
}

/** Checks and stores one file for an experience the caller may edit. */
export async function store(
	db: Db,
	experienceId: string,
	file: File | Inspected,
	uploadedBy: string
): Promise<StoreResult> {
	const checked = file instanceof File ? await inspect(file) : file;
	if (!checked.ok) return checked;
	return withLock(lockKey(checked.sha256), async () => {
		const same = await sameContent(db, experienceId, checked.sha256);
		if (same) return { ok: true, attachment: same, duplicate: true };
		await writeBlob(checked.sha256, checked.bytes);
		const { data, error } = await db
			.from('attachments')
			.insert({
				experience_id: experienceId,
				filename: checked.filename,
				media_type: checked.mediaType,
				size_bytes: checked.bytes.byteLength,
				sha256: checked.sha256,
				uploaded_by: uploadedBy
			})
			.select(columns)
			.single();
		if (error) {
			await discardIfUnused(checked.sha256);
			if (error.code === '42501') {
				return { ok: false, reason: 'not_allowed', filename: checked.filename };
			}
			throw new Error(`attachments: ${error.message}`);
		}
		return { ok: true, attachment: toAttachment(data as Row), duplicate: false };
	});
}

/** The attachments of one experience the caller can see, oldest first. */
export async function listFor(db: Db, experienceId: string): Promise<Attachment[]> {
	const { data, error } = await db
		.from('attachments')
		.select(columns)
		.eq('experience_id', experienceId)
		.order('created_at')
		.order('id');
	if (error) throw new Error(`attachments: ${error.message}`);
	return (data as Row[]).map(toAttachment);
}

/** Removes attachments of one experience (ids of other experiences are ignored); the bytes go
 * too once no row uses them. Returns how many rows were removed. */
export async function remove(db: Db, experienceId: string, ids: string[]): Promise<number> {
	const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
	if (uuids.length === 0) return 0;
	const found = await db
		.from('attachments')
		.select('id, sha256')
		.eq('experience_id', experienceId)
		.in('id', uuids);
	if (found.error) throw new Error(`attachments: ${found.error.message}`);
	let removed = 0;
	for (const row of found.data as { id: string; sha256: string }[]) {
		removed += await withLock(lockKey(row.sha256), async () => {
			const { data, error } = await db.from('attachments').delete().eq('id', row.id).select('id');
			if (error) throw new Error(`attachments: ${error.message}`);
			if (data.length > 0) await discardIfUnused(row.sha256);
			return data.length;
		});
	}
	return removed;
}

export interface Opened {
	attachment: Attachment;
	stream: ReadStream;
}

/** The attachment and its bytes, or null when it does not exist or RLS hides it. */
export async function open(db: Db, id: string): Promise<Opened | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const { data, error } = await db
		.from('attachments')
		.select(`${columns}, sha256`)
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`attachments: ${error.message}`);
	if (!data) return null;
	const path = blobPath((data as { sha256: string }).sha256);
	if (!(await exists(path))) {
		console.error(`attachments: file for ${id} is missing at ${path}`);
		return null;
	}
	return { attachment: toAttachment(data as Row), stream: createReadStream(path) };
}

/** RFC 6266 / 5987: an ASCII fallback for old clients and the exact UTF-8 name for the rest. */
export function contentDisposition(filename: string): string {
	const fallback =
		filename
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.replace(/[^\x20-\x7e]/g, '_')
			.replace(/["\\%;]/g, '_') || 'download';
	const encoded = encodeURIComponent(filename).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Headers for a download: always saved, never rendered or sniffed, never cached by proxies. */
export function downloadHeaders(a: Pick<Attachment, 'filename' | 'mediaType' | 'sizeBytes'>) {
	return {
		'Content-Type': a.mediaType,
		'Content-Length': String(a.sizeBytes),
		'Content-Disposition': contentDisposition(a.filename),
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': "sandbox; default-src 'none'",
		'Cache-Control': 'private, no-store'
	};
}
