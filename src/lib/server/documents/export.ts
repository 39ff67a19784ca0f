import type { Sql } from 'postgres';
import type { Db } from '$lib/server/platform';
import { accepted, toJSON } from './content.ts';
import type { PmNode } from './convert.ts';
import type { DocxImage, imageInfo } from './docx.ts';
import { fetchImages, type Fetched } from './export-images.ts';
import { toHTML } from './html.ts';
import * as store from './store.ts';

// The converters and their packages (docx, jszip, markdown-it) are loaded with the first export
// that needs them, not when the app starts: most processes never export (issue 17).
const docx = () => import('./docx.ts');
const bundle = () => import('./export-bundle.ts');
const markdown = async (doc: PmNode) => (await import('./markdown.ts')).toMarkdown(doc);

// Downloading a document as Markdown, HTML or Word (HTML and Markdown also with their images): the stored content (the same Yjs state
// the editors share) through one of the converters, with the title on top and a file name
// made from the title. The caller has checked that the person may read the document.

export const formats = ['md', 'md-zip', 'html', 'html-inline', 'docx'] as const;
export type Format = (typeof formats)[number];

const files: Record<Format, { type: string; extension: string }> = {
	md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
	'md-zip': { type: 'application/zip', extension: 'zip' },
	html: { type: 'text/html; charset=utf-8', extension: 'html' },
	'html-inline': { type: 'text/html; charset=utf-8', extension: 'html' },
	docx: {
		type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		extension: 'docx'
	}
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
	options: ExportOptions
): Promise<Exported> {
	// Open suggestions are not part of the document yet: exports carry the accepted text.
	const content = await accepted(toJSON(store.toDoc((await store.load(sql, document.id)).state)));
	const body = await render(db, content, document.title, format, options);
	const { type, extension } = files[format];
	return { body, contentType: type, filename: `${baseName(document.title)}.${extension}` };
}

async function render(
	db: Db,
	content: PmNode,
	title: string,
	format: Format,
	{ lang, origin }: ExportOptions
): Promise<Uint8Array> {
	const text = (value: string) => new TextEncoder().encode(value);
	const images = () => fetchImages(db, content, origin);
	switch (format) {
		case 'md':
			return text(await markdown(withTitle(content, title)));
		case 'md-zip': {
			const source = await markdown(withTitle(content, title));
			return (await bundle()).markdownZip(source, await images(), baseName(title));
		}
		case 'html':
			return text(toHTML(content, { title, lang, origin }));
		case 'html-inline': {
			const html = toHTML(content, { title, lang, origin });
			return text((await bundle()).inlineImages(html, await images(), origin));
		}
		case 'docx': {
			const { imageInfo, toDocx } = await docx();
			return toDocx(content, { title, origin, images: docxImages(await images(), imageInfo) });
		}
	}
}

const withTitle = (content: PmNode, title: string): PmNode => ({
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
		...(content.content ?? [])
	]
});

// Word embeds PNG, JPEG and GIF; other images keep their alt text there.
function docxImages(found: Map<string, Fetched>, info: typeof imageInfo) {
	const out = new Map<string, DocxImage>();
	for (const [src, { data }] of found) {
		const image = info(data);
		if (image) out.set(src, { data, ...image });
	}
	return out;
}

/** The title as a file name: without characters file systems refuse, never empty. */
export function filename(title: string, format: Format): string {
	return `${baseName(title)}.${files[format].extension}`;
}

function baseName(title: string): string {
	const base = Array.from(title.replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, ' ').replace(/\s+/g, ' '))
		.slice(0, 150)
		.join('')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	return base || 'dokument';
}
