import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { attachments } from '$lib/server/experiences';
import { withLock, type Db } from '$lib/server/platform';
import type { ResearchFile } from '../../research/types.ts';
export type { ResearchFile };

// PDF files of a research record (the paper, a report). Checked by content, stored in the
// attachments' content-addressed store; the row goes through the caller's client, so RLS
// decides who adds (the record's editors) and who downloads (whoever may read the record).

export type Refusal = attachments.Refusal | 'not_allowed';
const PDF = 'application/pdf';

type Row = { id: string; filename: string; size_bytes: number; created_at: string };
const toFile = (r: Row): ResearchFile => ({
	id: r.id,
	filename: r.filename,
	sizeBytes: r.size_bytes,
	createdAt: r.created_at
});

function failed(error: { message: string }): never {
	throw new Error(`research_files: ${error.message}`);
}

export async function list(db: Db, researchId: string): Promise<ResearchFile[]> {
	const { data, error } = await db
		.from('research_files')
		.select('id, filename, size_bytes, created_at')
		.eq('research_id', researchId)
		.order('created_at');
	if (error) failed(error);
	return (data as Row[]).map(toFile);
}

export async function store(
	db: Db,
	researchId: string,
	file: File,
	uploadedBy: string
): Promise<{ ok: true } | { ok: false; reason: Refusal }> {
	const checked = await attachments.inspect(file);
	if (!checked.ok) return { ok: false, reason: checked.reason };
	if (checked.mediaType !== PDF) return { ok: false, reason: 'wrong_type' };
	return withLock(attachments.lockKey(checked.sha256), async () => {
		await attachments.writeBlob(checked.sha256, checked.bytes);
		const { error } = await db.from('research_files').insert({
			research_id: researchId,
			filename: checked.filename,
			media_type: PDF,
			size_bytes: checked.bytes.byteLength,
			sha256: checked.sha256,
			uploaded_by: uploadedBy
		});
		if (!error) return { ok: true as const };
		await attachments.discardIfUnused(checked.sha256);
		if (error.code === '42501') return { ok: false as const, reason: 'not_allowed' as const };
		failed(error);
	});
}

export async function remove(db: Db, researchId: string, fileId: string): Promise<boolean> {
	const { data, error } = await db
		.from('research_files')
		.delete()
		.eq('id', fileId)
		.eq('research_id', researchId)
		.select('sha256');
	if (error) failed(error);
	const removed = data as { sha256: string }[];
	for (const { sha256 } of removed) {
		await withLock(attachments.lockKey(sha256), () => attachments.discardIfUnused(sha256));
	}
	return removed.length > 0;
}

/** The file and its bytes, or null when missing or hidden by RLS. */
export async function open(
	db: Db,
	researchId: string,
	fileId: string
): Promise<{ file: ResearchFile; stream: ReadStream } | null> {
	if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
	const { data, error } = await db
		.from('research_files')
		.select('id, filename, size_bytes, created_at, sha256')
		.eq('id', fileId)
		.eq('research_id', researchId)
		.maybeSingle();
	if (error) failed(error);
	if (!data) return null;
	const path = attachments.blobPath((data as { sha256: string }).sha256);
	if (!(await stat(path).catch(() => null))) return null;
	return { file: toFile(data as Row), stream: createReadStream(path) };
}
