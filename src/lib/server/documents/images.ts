import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { attachments } from '$lib/server/experiences';
import { withLock, type Db } from '$lib/server/platform';

// Images placed in documents. What a file is gets decided by its bytes (attachments.inspect);
// the bytes share the attachments' content-addressed store under DATA_DIR/uploads, and the
// row in public.document_files goes through the caller's client, so RLS decides who adds and
// who sees. The alternative text lives in the document itself (the image node's alt).

export const MAX_BYTES = 10 * 1024 * 1024;
export const mediaTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type MediaType = (typeof mediaTypes)[number];

export interface Image {
	id: string;
	documentId: string;
	filename: string;
	mediaType: MediaType;
	sizeBytes: number;
}

export type Refusal = attachments.Refusal | 'not_allowed';
export type StoreResult = { ok: true; image: Image } | { ok: false; reason: Refusal };

const isImage = (mime: string): mime is MediaType =>
	(mediaTypes as readonly string[]).includes(mime);

/** Checks a submitted file: an image by its content, not empty, at most MAX_BYTES. */
export async function inspect(file: File): Promise<attachments.Inspected> {
	const shown = file.name.slice(0, 200);
	// Refused before its bytes are read.
	if (file.size > MAX_BYTES) return { ok: false, reason: 'too_large', filename: shown };
	const checked = await attachments.inspect(file);
	if (checked.ok && !isImage(checked.mediaType)) {
		return { ok: false, reason: 'wrong_type', filename: checked.filename };
	}
	return checked;
}

const columns = 'id, document_id, filename, media_type, size_bytes';
interface Row {
	id: string;
	document_id: string;
	filename: string;
	media_type: MediaType;
	size_bytes: number;
}
const toImage = (r: Row): Image => ({
	id: r.id,
	documentId: r.document_id,
	filename: r.filename,
	mediaType: r.media_type,
	sizeBytes: r.size_bytes
});

function failed(error: { message: string }): never {
	throw new Error(`document_files: ${error.message}`);
}

// The same picture placed twice in one document is one file.
async function sameContent(db: Db, documentId: string, sha256: string) {
	const { data, error } = await db
		.from('document_files')
		.select(columns)
		.eq('document_id', documentId)
		.eq('sha256', sha256)
		.limit(1);
	if (error) failed(error);
	return data.length ? toImage(data[0] as Row) : null;
}

/** Checks and stores one image for a document the caller may edit. */
export async function store(
	db: Db,
	documentId: string,
	file: File,
	uploadedBy: string
): Promise<StoreResult> {
	const checked = await inspect(file);
	if (!checked.ok) return { ok: false, reason: checked.reason };
	return withLock(attachments.lockKey(checked.sha256), async () => {
		const same = await sameContent(db, documentId, checked.sha256);
		if (same) return { ok: true, image: same };
		await attachments.writeBlob(checked.sha256, checked.bytes);
		const { data, error } = await db
			.from('document_files')
			.insert({
				document_id: documentId,
				filename: checked.filename,
				media_type: checked.mediaType,
				size_bytes: checked.bytes.byteLength,
				sha256: checked.sha256,
				uploaded_by: uploadedBy
			})
			.select(columns)
			.single();
		if (error) {
			await attachments.discardIfUnused(checked.sha256);
			if (error.code === '42501') return { ok: false, reason: 'not_allowed' };
			failed(error);
		}
		return { ok: true, image: toImage(data as Row) };
	});
}

export const imagePath = (documentId: string, imageId: string) =>
	`/docs/${documentId}/images/${imageId}`;

export interface Opened {
	image: Image;
	stream: ReadStream;
}

/** The image of this document and its bytes, or null when missing or hidden by RLS. */
export async function open(db: Db, documentId: string, imageId: string): Promise<Opened | null> {
	if (!/^[0-9a-f-]{36}$/i.test(imageId)) return null;
	const { data, error } = await db
		.from('document_files')
		.select(`${columns}, sha256`)
		.eq('id', imageId)
		.eq('document_id', documentId)
		.maybeSingle();
	if (error) failed(error);
	if (!data) return null;
	const path = attachments.blobPath((data as { sha256: string }).sha256);
	if (!(await stat(path).catch(() => null))) {
		console.error(`document images: file for ${imageId} is missing at ${path}`);
		return null;
	}
	return { image: toImage(data as Row), stream: createReadStream(path) };
}

/**
 * Headers for showing an image inside the page: its real type, never sniffed, never run as a
 * document of its own, kept only in the reader's own cache (access can end).
 */
export function imageHeaders(image: Image): Record<string, string> {
	return {
		'Content-Type': image.mediaType,
		'Content-Length': String(image.sizeBytes),
		'Content-Disposition': attachments
			.contentDisposition(image.filename)
			.replace(/^attachment/, 'inline'),
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': "default-src 'none'; sandbox",
		'Cache-Control': 'private, max-age=86400'
	};
}
