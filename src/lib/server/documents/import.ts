import type { Sql } from 'postgres';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import * as Y from 'yjs';
import { m } from '$lib/paraglide/messages.js';
import { FRAGMENT } from '../../collab/protocol.ts';
import { documentSchema } from '../../documents/schema.ts';
import { cleanText } from '../forms/text.ts';
import { plainText } from './content.ts';
import type { Db } from '$lib/server/platform';
import { firstHeading, textOf, type PmNode } from './convert.ts';
import { placeImages, storeImages, type ImportedImage } from './import-images.ts';
import * as store from './store.ts';

// "Import as new document": a Markdown or Word file becomes the Yjs state of a new document.
// What a file is gets decided by its bytes (a Word file is a zip with a WordprocessingML part)
// and, for text, by its name; anything else is refused with a reason the form can show.
//
// Word files bring their images, stored as the new document's images once it exists.
//
//   const imported = await importer.fromFile(file);
//   if (!imported.ok) return fieldFailure(form, 'file', importer.refusalMessage(imported.reason));
//   const created = await documents.create(locals.supabase, author, groupId, { title: imported.title, … });
//   if (created.ok) await importer.initialize(sql(), locals.supabase, created.id, imported, user.id);

export const MAX_BYTES = 5 * 1024 * 1024;
/** What a Word file may unpack to: far above any real text, far below a "zip bomb". */
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

export type Refusal = 'empty' | 'too_large' | 'wrong_type' | 'unreadable';
export interface Read {
	ok: true;
	title: string;
	/** The content, with placeholders for the images until they are stored. */
	content: PmNode;
	images: ImportedImage[];
}
export type Imported = Read | { ok: false; reason: Refusal };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TEXT_NAME = /\.(md|markdown|mdown|txt)$/i;

const refused = (reason: Refusal): Imported => ({ ok: false, reason });

/** Reads an uploaded file and, when it is a readable Markdown or Word file, its content. */
export async function fromFile(file: File): Promise<Imported> {
	if (file.size > MAX_BYTES) return refused('too_large');
	if (file.size === 0) return refused('empty');
	const bytes = new Uint8Array(await file.arrayBuffer());
	const read = await reader(bytes, file.name);
	if (typeof read === 'string') return refused(read);
	try {
		const { doc, images } = await read();
		if (!plainText(doc).trim() && !hasImage(doc)) return refused('empty');
		const title = titleFor(doc, cleanText(file.name));
		const content = withoutTitle(doc, title);
		toState(content); // refuses here, before a document is made, content the schema rejects
		return { ok: true, title, content, images };
	} catch {
		// A broken zip, XML mammoth cannot read, content the schema does not accept.
		return refused('unreadable');
	}
}

/** How to read the file, or why not to. */
type Reader = () => Promise<{ doc: PmNode; images: ImportedImage[] }>;

// The readers and their packages (file-type, mammoth, markdown-it) are loaded with the first
// import, not when the app starts: most processes never import a file (issue 17).
async function reader(bytes: Uint8Array, name: string): Promise<Reader | Refusal> {
	const { fileTypeFromBuffer } = await import('file-type');
	const detected = await fileTypeFromBuffer(bytes);
	const namedDocx = /\.docx$/i.test(name) && (!detected || detected.ext === 'zip');
	if (detected?.mime === DOCX || namedDocx) {
		if (!detected || (unzippedSize(bytes) ?? Infinity) > MAX_UNZIPPED_BYTES) return 'unreadable';
		return async () => (await import('./docx-import.ts')).fromDocx(bytes);
	}
	const text = detected || !TEXT_NAME.test(name) ? null : utf8(bytes);
	if (text === null) return 'wrong_type';
	const { fromMarkdown } = await import('./markdown.ts');
	return async () => ({ doc: markdownDoc(text, fromMarkdown), images: [] });
}

// Markdown from static site generators and note apps starts with YAML front matter: its
// title becomes the first heading (so the title is taken from it), the rest is left out.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function markdownDoc(text: string, fromMarkdown: (markdown: string) => PmNode): PmNode {
	const front = FRONT_MATTER.exec(text);
	if (!front) return fromMarkdown(text);
	const doc = fromMarkdown(text.slice(front[0].length));
	const title = /^title:[ \t]*(.+)$/m
		.exec(front[1]!)?.[1]
		?.trim()
		.replace(/^(["'])(.*)\1$/, '$2');
	if (!title) return doc;
	const heading = {
		type: 'heading',
		attrs: { level: 1 },
		content: [{ type: 'text', text: title }]
	};
	return { ...doc, content: [heading, ...(doc.content ?? [])] };
}

/**
 * Stores what was read as the first content of a freshly created document, its images as the
 * document's images (through the caller's client: RLS decides, as for an upload).
 */
export async function initialize(
	sql: Sql,
	db: Db,
	documentId: string,
	imported: Read,
	userId: string
): Promise<void> {
	const srcs = await storeImages(db, documentId, imported.images, userId);
	await store.append(sql, documentId, toState(placeImages(imported.content, srcs)));
	await store.refreshContent(sql, documentId);
}

export function refusalMessage(reason: Refusal): string {
	return {
		empty: m.versions_import_empty,
		too_large: m.versions_import_too_large,
		wrong_type: m.versions_import_wrong_type,
		unreadable: m.versions_import_unreadable
	}[reason]();
}

/** A document (ProseMirror JSON) as a Yjs update holding it in the shared fragment. */
export function toState(doc: PmNode): Uint8Array {
	const node = documentSchema().nodeFromJSON(doc);
	node.check(); // throws when the content does not fit the schema
	const ydoc = prosemirrorJSONToYDoc(documentSchema(), node.toJSON(), FRAGMENT);
	return Y.encodeStateAsUpdate(ydoc);
}

function utf8(bytes: Uint8Array): string | null {
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		return text.includes('\0') ? null : text;
	} catch {
		return null;
	}
}

const hasImage = (node: PmNode): boolean =>
	node.type === 'image' || (node.content ?? []).some(hasImage);

// The title is shown above the text: a first heading that says the same goes.
function withoutTitle(doc: PmNode, title: string): PmNode {
	const [first, ...rest] = doc.content ?? [];
	const same = first?.type === 'heading' && textOf(first).replace(/\s+/g, ' ').trim() === title;
	return same && rest.length ? { ...doc, content: rest } : doc;
}

// Titles are 3–200 characters (public.documents): the first heading, else the file's name.
function titleFor(doc: PmNode, filename: string): string {
	const name = filename
		.replace(/^.*[\\/]/, '')
		.replace(/\.[^.]+$/, '')
		.replace(/[_\s]+/g, ' ')
		.trim();
	for (const candidate of [firstHeading(doc), name]) {
		const title = Array.from(candidate ?? '')
			.slice(0, 200)
			.join('')
			.trim();
		if (title.length >= 3) return title;
	}
	return m.versions_import_untitled();
}

/**
 * The sum of the sizes a zip's entries unpack to, read from its central directory; null when
 * the directory cannot be read (or is ZIP64, which no Word file of 5 MB needs).
 */
export function unzippedSize(bytes: Uint8Array): number | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let end = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
		if (view.getUint32(i, true) === 0x06054b50) {
			end = i;
			break;
		}
	}
	if (end < 0) return null;
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	let total = 0;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
		const size = view.getUint32(at + 24, true);
		if (size === 0xffffffff) return null;
		total += size;
		at +=
			46 +
			view.getUint16(at + 28, true) +
			view.getUint16(at + 30, true) +
			view.getUint16(at + 32, true);
	}
	return total;
}
