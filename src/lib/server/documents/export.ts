import { buffer } from 'node:stream/consumers';
import type { Sql } from 'postgres';
import type { Db } from '$lib/server/platform';
import { accepted, toJSON } from './content.ts';
import { documentImage, type PmNode } from './convert.ts';
import { imageInfo, toDocx, type DocxImage } from './docx.ts';
import { toHTML } from './html.ts';
import * as images from './images.ts';
import { toMarkdown } from './markdown.ts';
import * as store from './store.ts';

// Downloading a document as Markdown, HTML or Word: the stored content (the same Yjs state
// the editors share) through one of the converters, with the title on top and a file name
// made from the title. The caller has checked that the person may read the document.

export const formats = ['md', 'html', 'docx'] as const;
export type Format = (typeof formats)[number];

const contentTypes: Record<Format, string> = {
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

export interface Exported {
	body: Uint8Array;
	contentType: string;
	filename: string;
}

export interface ExportOptions {
	/** The reader's language, for the HTML file's lang and labels. */
	lang: string;
	/** The site's origin (links and images to this site become absolute in the file). */
	origin: string;
}

type Titled = { id: string; title: string };

export async function exportDocument(
	sql: Sql,
	db: Db,
	document: Titled,
	format: Format,
	{ lang, origin }: ExportOptions
): Promise<Exported> {
	const content = accepted(toJSON(store.toDoc((await store.load(sql, document.id)).state)));
	const { title } = document;
	const text = (value: string) => new TextEncoder().encode(value);
	const body =
		format === 'md'
			? text(toMarkdown(withTitle(content, title)))
			: format === 'html'
				? text(toHTML(content, { title, lang, origin }))
				: await toDocx(content, { title, origin, images: await docxImages(db, content, origin) });
	return { body, contentType: contentTypes[format], filename: filename(title, format) };
}

const withTitle = (content: PmNode, title: string): PmNode => ({
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
		...(content.content ?? [])
	]
});

function imageSources(node: PmNode, into = new Set<string>()): Set<string> {
	if (node.type === 'image' && typeof node.attrs?.src === 'string') into.add(node.attrs.src);
	node.content?.forEach((child) => imageSources(child, into));
	return into;
}

// Images uploaded into documents are read as the reader (RLS on document_files decides), so
// the file holds only what the reader could see on the page.
async function docxImages(db: Db, content: PmNode, origin: string) {
	const found = new Map<string, DocxImage>();
	for (const src of imageSources(content)) {
		const ref = documentImage(src, origin);
		const opened = ref && (await images.open(db, ref.documentId, ref.fileId));
		if (!opened) continue;
		const data = new Uint8Array(await buffer(opened.stream));
		const info = imageInfo(data);
		if (info) found.set(src, { data, ...info });
	}
	return found;
}

/** The title as a file name: without characters file systems refuse, never empty. */
export function filename(title: string, format: Format): string {
	const base = Array.from(title.replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, ' ').replace(/\s+/g, ' '))
		.slice(0, 150)
		.join('')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	return `${base || 'dokument'}.${format}`;
}
