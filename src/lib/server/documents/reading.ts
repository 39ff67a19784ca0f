import { getSchema } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node, Schema } from '@tiptap/pm/model';
import { Node as PmNodeType } from '@tiptap/pm/model';
import type { Sql } from 'postgres';
import { contentExtensions } from '$lib/documents/schema';
import { m } from '$lib/paraglide/messages.js';
import { accepted, toJSON } from './content.ts';
import * as store from './store.ts';

// The document's text as HTML for a page that shows it without the editor (issue 17: a reader
// who never loads TipTap, ProseMirror and Yjs). Drawn from the same schema's renderHTML as the
// editor's own DOM, so the editor that may replace it later takes the same room and the same
// styles (document-content.css) apply. Every text and attribute value is escaped here; links
// and image addresses the schema passes are checked once more.

let cached: Schema | null = null;
// Built once per process: the schema never changes while it runs.
const schema = () => (cached ??= getSchema(contentExtensions()));

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ADDRESS = /^(https?:|mailto:|\/(?!\/)|#|[^:]*$)/i;
const VOID = new Set(['br', 'hr', 'img', 'input', 'col']);

type Attrs = Record<string, unknown>;

function attributes(attrs: Attrs, extra: Attrs = {}): string {
	return Object.entries({ ...attrs, ...extra })
		.filter(([, value]) => value !== null && value !== undefined && value !== false)
		.filter(([name, value]) =>
			name === 'href' || name === 'src' ? ADDRESS.test(String(value).trim()) : true
		)
		.filter(([name]) => /^[a-z][a-z0-9-]*$/i.test(name) && !/^on/i.test(name))
		.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escape(String(value))}"`))
		.join('');
}

/** Writes a renderHTML spec; `hole` fills the content slot (0). */
function spec(out: DOMOutputSpec, hole: () => string, extra?: (tag: string) => Attrs): string {
	if (typeof out === 'string') return escape(out);
	if (!Array.isArray(out)) return hole();
	const [tag, ...rest] = out as [string, ...unknown[]];
	const hasAttrs = rest[0] && typeof rest[0] === 'object' && !Array.isArray(rest[0]);
	const attrs = (hasAttrs ? rest.shift() : {}) as Attrs;
	const name = tag.split(' ').pop()!;
	const open = `<${name}${attributes(attrs, extra?.(name))}>`;
	if (VOID.has(name)) return open;
	const inner = rest
		.map((child) => (child === 0 ? hole() : spec(child as DOMOutputSpec, hole, extra)))
		.join('');
	return `${open}${inner}</${name}>`;
}

/** Inline content: marks opened and closed like ProseMirror's serializer, so a link or a
 * suggestion spanning differently formatted text stays one element. */
function inline(parent: Node): string {
	let html = '';
	const open: Mark[] = [];
	const close = (keep: number) => {
		while (open.length > keep) {
			const mark = open.pop()!;
			html += `</${tagOf(mark)}>`;
		}
	};
	parent.forEach((child) => {
		const marks = child.marks;
		let keep = 0;
		while (keep < open.length && keep < marks.length && open[keep]!.eq(marks[keep]!)) keep++;
		close(keep);
		for (const mark of marks.slice(keep)) {
			html += openTag(mark);
			open.push(mark);
		}
		html += child.isText ? escape(child.text ?? '') : node(child);
	});
	close(0);
	return html;
}

const markSpec = (mark: Mark) => mark.type.spec.toDOM?.(mark, true) as DOMOutputSpec | undefined;
const tagOf = (mark: Mark) => {
	const out = markSpec(mark);
	return Array.isArray(out) ? String(out[0]).split(' ').pop()! : 'span';
};
const openTag = (mark: Mark) =>
	spec(markSpec(mark) ?? ['span', 0], () => '\u0000').split('\u0000')[0]!;

function node(n: Node): string {
	const toDOM = n.type.spec.toDOM;
	if (!toDOM) return '';
	const content = () => (n.isTextblock ? inline(n) : children(n));
	// A checkbox in a read-only text: named by its item (WCAG 4.1.2) and not clickable.
	const extra = (tag: string): Attrs =>
		tag === 'input'
			? {
					disabled: '',
					'aria-label': m.editor_task_checkbox({
						text: n.textContent.trim().slice(0, 80) || m.editor_task_empty()
					})
				}
			: {};
	// As in the editor (heading-outline.ts): the page's h1 is the title, headings sit one under.
	const out =
		n.type.name === 'heading' ? [`h${Math.min(Number(n.attrs.level) + 1, 6)}`, 0] : toDOM(n);
	const html = spec(out as DOMOutputSpec, content, extra);
	// The editor wraps tables so that they scroll sideways on a narrow screen.
	return n.type.name === 'table' ? `<div class="tableWrapper">${html}</div>` : html;
}

function children(n: Node): string {
	let html = '';
	n.forEach((child) => (html += node(child)));
	return html;
}

export interface ReadingOptions {
	/** Show open suggestions (signed-in readers); otherwise the accepted text, as exported. */
	suggestions: boolean;
}

/** The stored document as HTML for a page. The caller has checked that the person may read it. */
export async function readingHTML(
	sql: Sql,
	documentId: string,
	{ suggestions }: ReadingOptions
): Promise<string> {
	const json = toJSON(store.toDoc((await store.load(sql, documentId)).state));
	return contentHTML(suggestions ? json : await accepted(json));
}

/** ProseMirror JSON as HTML (the part of readingHTML that needs no database). */
export function contentHTML(json: object): string {
	try {
		return children(PmNodeType.fromJSON(schema(), json));
	} catch (error) {
		// Content the schema does not know would break the page; the editor still shows it.
		console.error('[documents] reading view', error);
		return '';
	}
}
