import { sanitize, type SanitizeOptions } from '../platform/sanitize.ts';
import { m } from '$lib/paraglide/messages.js';
import {
	calloutTone,
	clampLevel,
	safeSrc,
	segments,
	TASK_SYMBOL,
	textOf,
	type MarkName,
	type PmNode
} from './convert.ts';

// A document as HTML: a complete standalone file for export (lang, title, one h1, semantic
// elements, a small print-friendly stylesheet) and the same body, sanitized, for showing a
// version inside a page. Every text and attribute is escaped here; the sanitizer is a second
// line of defence, not the first. The document's own headings sit one level under the title.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TAGS: Record<MarkName, string> = {
	bold: 'strong',
	italic: 'em',
	underline: 'u',
	strike: 's',
	code: 'code'
};

function inline(content: PmNode[] | undefined, origin?: string): string {
	return segments(content, origin)
		.map((segment) => {
			const inner = segment.runs
				.map((run) =>
					'break' in run
						? '<br>'
						: run.marks.reduceRight(
								(html, mark) => `<${TAGS[mark]}>${html}</${TAGS[mark]}>`,
								escape(run.text)
							)
				)
				.join('');
			return segment.href ? `<a href="${escape(segment.href)}">${inner}</a>` : inner;
		})
		.join('');
}

const attr = (name: string, value: unknown) =>
	value === null || value === undefined || value === ''
		? ''
		: ` ${name}="${escape(String(value))}"`;

function cell(node: PmNode, scope: 'col' | 'row', origin?: string): string {
	const header = node.type === 'tableHeader';
	const span = (name: string) =>
		Number(node.attrs?.[name]) > 1 ? attr(name, node.attrs?.[name]) : '';
	const tag = header ? 'th' : 'td';
	return `<${tag}${header ? attr('scope', scope) : ''}${span('colspan')}${span('rowspan')}>${blocks(node.content, origin)}</${tag}>`;
}

function table(node: PmNode, origin?: string): string {
	const rows = node.content ?? [];
	const headed =
		!!rows[0]?.content?.length && rows[0].content.every((c) => c.type === 'tableHeader');
	const row = (r: PmNode, scope: 'col' | 'row') =>
		`<tr>${(r.content ?? []).map((c) => cell(c, scope, origin)).join('')}</tr>`;
	const head = headed ? `<thead>${row(rows[0]!, 'col')}</thead>` : '';
	const body = rows.slice(headed ? 1 : 0).map((r) => row(r, 'row'));
	return `<table>${head}${body.length ? `<tbody>${body.join('')}</tbody>` : ''}</table>`;
}

function taskItem(node: PmNode, origin?: string): string {
	const done = node.attrs?.checked === true;
	const box = `<span class="task-box" role="img" aria-label="${escape(
		done ? m.versions_task_done() : m.versions_task_open()
	)}">${done ? TASK_SYMBOL.done : TASK_SYMBOL.open}</span> `;
	const [first, ...rest] = node.content ?? [];
	const lead =
		first?.type === 'paragraph'
			? `<p>${box}${inline(first.content, origin)}</p>`
			: box + block(first, origin);
	return `<li class="task-item">${lead}${blocks(rest, origin)}</li>`;
}

const calloutLabel = {
	info: m.versions_callout_info,
	tip: m.versions_callout_tip,
	warning: m.versions_callout_warning
};

function callout(node: PmNode, origin?: string): string {
	const tone = calloutTone(node.attrs?.tone);
	return `<div class="callout callout-${tone}" role="note"><p class="callout-label"><strong>${escape(
		calloutLabel[tone]()
	)}</strong></p>${blocks(node.content, origin)}</div>`;
}

function image(node: PmNode, origin?: string): string {
	const src = safeSrc(node.attrs?.src, origin);
	const alt = String(node.attrs?.alt ?? '');
	if (!src) return alt ? `<p>${escape(alt)}</p>` : '';
	return `<p class="image"><img src="${escape(src)}" alt="${escape(alt)}"${attr('title', node.attrs?.title)}></p>`;
}

function block(node: PmNode | undefined, origin?: string): string {
	if (!node) return '';
	const inner = () => blocks(node.content, origin);
	switch (node.type) {
		case 'paragraph':
			return `<p>${inline(node.content, origin)}</p>`;
		case 'heading': {
			const tag = `h${clampLevel(node.attrs?.level) + 1}`;
			return `<${tag}>${inline(node.content, origin)}</${tag}>`;
		}
		case 'bulletList':
			return `<ul>${inner()}</ul>`;
		case 'orderedList': {
			const start = Number(node.attrs?.start) || 1;
			return `<ol${start === 1 ? '' : attr('start', start)}>${inner()}</ol>`;
		}
		case 'listItem':
			return `<li>${inner()}</li>`;
		case 'taskList':
			return `<ul class="task-list">${inner()}</ul>`;
		case 'taskItem':
			return taskItem(node, origin);
		case 'table':
			return table(node, origin);
		case 'blockquote':
			return `<blockquote>${inner()}</blockquote>`;
		case 'callout':
			return callout(node, origin);
		case 'codeBlock':
			return `<pre><code${attr('class', node.attrs?.language ? `language-${node.attrs.language}` : '')}>${escape(textOf(node))}</code></pre>`;
		case 'horizontalRule':
			return '<hr>';
		case 'image':
			return image(node, origin);
		default:
			return inner();
	}
}

const blocks = (nodes: PmNode[] | undefined, origin?: string) =>
	(nodes ?? []).map((n) => block(n, origin)).join('\n');

/** The document's content as HTML (no page around it). Links to this site stay relative
 * unless `origin` is given. */
export const bodyHTML = (doc: PmNode, origin?: string) => blocks(doc.content, origin);

const STYLE = `
body { font: 1rem/1.6 system-ui, sans-serif; color: #1b1b1b; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem; }
a { color: #0b4f9c; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 4px solid #767676; }
pre { background: #f3f3f3; padding: 0.75rem; overflow-x: auto; }
.task-list { list-style: none; padding-inline-start: 0.5rem; }
.callout { border: 1px solid #767676; border-inline-start-width: 6px; padding: 0.25rem 1rem; margin: 1rem 0; }
.callout-info { background: #e8f0fe; } .callout-tip { background: #e6f4ea; } .callout-warning { background: #fef7e0; }
.callout-label { margin-bottom: 0; }
@media print { main { max-width: none; } a { color: inherit; } .callout, pre { break-inside: avoid; } }
`;

export interface PageOptions {
	title: string;
	lang: string;
	/** The site's origin: links and images to this site become absolute in the file. */
	origin?: string;
}

/** A complete, standalone HTML file of the document. */
export function toHTML(doc: PmNode, { title, lang, origin }: PageOptions): string {
	return `<!doctype html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
${bodyHTML(doc, origin)}
</main>
</body>
</html>
`;
}

const allowed: SanitizeOptions = {
	allowedTags: [
		...['p', 'br', 'strong', 'em', 'u', 's', 'code', 'pre', 'a', 'img', 'hr', 'span', 'div'],
		...['h2', 'h3', 'h4', 'h5', 'ul', 'ol', 'li', 'blockquote'],
		...['table', 'thead', 'tbody', 'tr', 'th', 'td']
	],
	allowedAttributes: {
		a: ['href'],
		img: ['src', 'alt', 'title'],
		ol: ['start'],
		th: ['scope', 'colspan', 'rowspan'],
		td: ['colspan', 'rowspan'],
		span: ['class', 'role', 'aria-label'],
		div: ['class', 'role'],
		'*': ['class']
	},
	allowedClasses: {
		'*': [
			'task-list',
			'task-item',
			'task-box',
			'image',
			'callout-label',
			'callout',
			/^callout-/,
			/^language-/
		]
	},
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard'
};

/** The document's content as HTML safe to place inside one of our pages. */
export const safeBodyHTML = (doc: PmNode) => sanitize(bodyHTML(doc), allowed);
