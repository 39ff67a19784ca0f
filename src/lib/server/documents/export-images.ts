import { buffer } from 'node:stream/consumers';
import type { Db } from '$lib/server/platform';
import { documentImage, type PmNode } from './convert.ts';
import * as images from './images.ts';

// The bytes of the images a document shows, for exports that carry them. Read as the reader
// (RLS on document_files decides), so a file holds only what the reader could see on the page.

export interface Fetched {
	data: Uint8Array;
	mediaType: string;
	filename: string;
}

function imageSources(node: PmNode, into = new Set<string>()): Set<string> {
	if (node.type === 'image' && typeof node.attrs?.src === 'string') into.add(node.attrs.src);
	node.content?.forEach((child) => imageSources(child, into));
	return into;
}

/** The document's uploaded images by the `src` written in it; others are left out. */
export async function fetchImages(
	db: Db,
	content: PmNode,
	origin: string
): Promise<Map<string, Fetched>> {
	const found = new Map<string, Fetched>();
	for (const src of imageSources(content)) {
		const ref = documentImage(src, origin);
		const opened = ref && (await images.open(db, ref.documentId, ref.fileId));
		if (!opened) continue;
		const data = new Uint8Array(await buffer(opened.stream));
		found.set(src, { data, mediaType: opened.image.mediaType, filename: opened.image.filename });
	}
	return found;
}
