import JSZip from 'jszip';
import { safeSrc } from './convert.ts';
import type { Fetched } from './export-images.ts';

// Exports that carry their images, so the file still shows them away from Erfa (offline, in
// an archive, for a reader without an account): HTML with each image inlined as a data:
// address, Markdown zipped with an images/ folder it points into.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const dataUrl = (image: Fetched) =>
	`data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`;

/**
 * The standalone HTML with its images inlined. html.ts writes each document image as
 * src="<absolute address>", escaped; exactly those attributes are replaced.
 */
export function inlineImages(html: string, found: Map<string, Fetched>, origin: string): string {
	let out = html;
	for (const [src, image] of found) {
		const written = safeSrc(src, origin);
		if (written) out = out.replaceAll(`src="${escape(written)}"`, `src="${dataUrl(image)}"`);
	}
	return out;
}

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp'
};

/** A file name inside images/: the original name's stem, made safe and unique. */
function entryName(image: Fetched, taken: Set<string>): string {
	const stem =
		image.filename
			.replace(/\.[^.]*$/, '')
			.normalize('NFKD')
			.replace(/[^\w-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'bild';
	const extension = EXTENSIONS[image.mediaType] ?? 'bin';
	let name = `${stem}.${extension}`;
	for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.${extension}`;
	taken.add(name);
	return name;
}

/**
 * A zip with `<base>.md` and images/: the Markdown's image addresses (markdown.ts writes a
 * document image as "](/docs/…/images/…") point into the folder instead.
 */
export async function markdownZip(
	markdown: string,
	found: Map<string, Fetched>,
	base: string
): Promise<Uint8Array> {
	const zip = new JSZip();
	const taken = new Set<string>();
	let text = markdown;
	for (const [src, image] of found) {
		const path = safeSrc(src);
		if (!path) continue;
		const name = entryName(image, taken);
		zip.file(`images/${name}`, image.data);
		text = text.replaceAll(`](${path}`, `](images/${name}`);
	}
	zip.file(`${base}.md`, text);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
