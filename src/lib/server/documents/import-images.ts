import type { Db } from '$lib/server/platform';
import type { PmNode } from './convert.ts';
import * as images from './images.ts';

// Images in an imported Word file. While the file is read there is no document yet to own
// them, so each gets a placeholder address (erfa-import:<n>) and its bytes wait here; once the
// document exists they are stored as its images (images.ts decides by their bytes what they
// are) and the placeholders become their addresses. An image that cannot be stored (a format
// browsers do not show, such as EMF) leaves its alt text, so nothing said in it is lost.

export interface ImportedImage {
	key: string;
	bytes: Uint8Array;
	contentType: string;
}

const PREFIX = 'erfa-import:';

/** A collector for mammoth's convertImage: keeps the bytes, answers with a placeholder. */
export function imageCollector() {
	const found: ImportedImage[] = [];
	const convert = async (image: { contentType: string; readAsBuffer: () => Promise<Buffer> }) => {
		const key = `${PREFIX}${found.length}`;
		found.push({
			key,
			bytes: new Uint8Array(await image.readAsBuffer()),
			contentType: image.contentType
		});
		return { src: key };
	};
	return { found, convert };
}

const paragraph = (content: PmNode[]): PmNode =>
	content.length ? { type: 'paragraph', content } : { type: 'paragraph' };

const isBlank = (nodes: PmNode[]) => nodes.every((n) => n.type === 'text' && !n.text?.trim());

/**
 * A paragraph's inline content as blocks: images are blocks in the schema, so a paragraph
 * with pictures in it becomes its text before, each picture, its text after.
 */
export function splitImages(content: PmNode[]): PmNode[] {
	const out: PmNode[] = [];
	let run: PmNode[] = [];
	const flush = (always: boolean) => {
		if (always || !isBlank(run)) out.push(paragraph(run));
		run = [];
	};
	for (const node of content) {
		if (node.type !== 'image') run.push(node);
		else {
			flush(false);
			out.push(node);
		}
	}
	flush(out.length === 0);
	return out;
}

function place(node: PmNode, srcs: Map<string, string>): PmNode[] {
	if (node.type === 'image') {
		const src = String(node.attrs?.src ?? '');
		if (!src.startsWith(PREFIX)) return [node];
		const stored = srcs.get(src);
		if (stored) return [{ ...node, attrs: { ...node.attrs, src: stored } }];
		const alt = String(node.attrs?.alt ?? '').trim();
		return alt ? [paragraph([{ type: 'text', text: alt }])] : [];
	}
	if (!node.content) return [node];
	const content = node.content.flatMap((child) => place(child, srcs));
	// A cell or list item left without blocks gets an empty paragraph (the schema needs one).
	return [{ ...node, content: content.length || node.type === 'doc' ? content : [paragraph([])] }];
}

/** The content with placeholders replaced by stored images' addresses (or their alt text). */
export const placeImages = (doc: PmNode, srcs: Map<string, string>): PmNode => place(doc, srcs)[0]!;

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp'
};

/** Stores the file's images for the new document; returns placeholder → address. */
export async function storeImages(
	db: Db,
	documentId: string,
	found: ImportedImage[],
	userId: string
): Promise<Map<string, string>> {
	const srcs = new Map<string, string>();
	for (const [i, image] of found.entries()) {
		const name = `bild-${i + 1}.${EXTENSIONS[image.contentType] ?? 'bin'}`;
		const file = new File([image.bytes as Uint8Array<ArrayBuffer>], name, {
			type: image.contentType
		});
		const stored = await images.store(db, documentId, file, userId);
		if (stored.ok) srcs.set(image.key, images.imagePath(documentId, stored.image.id));
	}
	return srcs;
}
