import type { Mark, Node } from '@tiptap/pm/model';
import MarkdownIt from 'markdown-it';
import {
	defaultMarkdownSerializer as base,
	MarkdownParser,
	MarkdownSerializer,
	type MarkdownSerializerState as State
} from 'prosemirror-markdown';
import { safeImageSrc } from '../../documents/image-src.ts';
import { documentSchema } from '../../documents/schema.ts';
import { calloutTone, clampLevel, safeHref, safeSrc, type PmNode } from './convert.ts';
import { erfaRules } from './markdown-rules.ts';

// A document as Markdown (GitHub flavoured: tables, task lists, ~~strike~~, alerts for
// callouts, <u> for underline) and back. Both directions go through the one schema, so what
// is exported can be imported again without loss for every node type (table cells keep their
// text only: GFM cells cannot hold several blocks).

const schema = documentSchema();

const ALERTS = { info: 'NOTE', tip: 'TIP', warning: 'WARNING' } as const;

function fenced(state: State, node: Node) {
	const longest = (node.textContent.match(/`{3,}/g) ?? []).sort().at(-1);
	const fence = longest ? `${longest}\`` : '```';
	state.write(`${fence}${node.attrs.language ?? ''}\n`);
	state.text(node.textContent, false);
	state.ensureNewLine();
	state.write(fence);
	state.closeBlock(node);
}

// GFM needs a header row; the first row is it. A cell's blocks become one line.
function table(state: State, node: Node) {
	const rows: string[][] = [];
	node.forEach((row) => {
		const cells: string[] = [];
		row.forEach((cell) => {
			const text = serializer
				.serialize(cell)
				.trim()
				.replace(/\s*\n+\s*/g, ' ');
			cells.push(text.replace(/\|/g, '\\|'));
		});
		rows.push(cells);
	});
	const width = Math.max(...rows.map((r) => r.length));
	const line = (cells: string[]) =>
		`| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
	const [head = [], ...body] = rows;
	[line(head), line(head.map(() => '---')), ...body.map(line)].forEach((text, i) => {
		if (i) state.ensureNewLine();
		state.write(text);
	});
	state.closeBlock(node);
}

function image(state: State, node: Node) {
	const src = safeSrc(node.attrs.src);
	const alt = state.esc(String(node.attrs.alt ?? ''));
	if (!src) state.write(alt);
	else {
		const title = node.attrs.title ? ` "${String(node.attrs.title).replace(/"/g, '\\"')}"` : '';
		state.write(`![${alt}](${src.replace(/[()\s]/g, encodeURIComponent)}${title})`);
	}
	state.closeBlock(node);
}

function ordered(state: State, node: Node) {
	const start = Number(node.attrs.start) || 1;
	const width = String(start + node.childCount - 1).length;
	state.renderList(node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width)}. `);
}

const content = (state: State, node: Node) => state.renderContent(node);

const serializer = new MarkdownSerializer(
	{
		paragraph: (state, node) => (state.renderInline(node), state.closeBlock(node)),
		heading: (state, node) => {
			state.write(`${'#'.repeat(clampLevel(node.attrs.level))} `);
			state.renderInline(node, false);
			state.closeBlock(node);
		},
		blockquote: (state, node) => state.wrapBlock('> ', null, node, () => content(state, node)),
		callout: (state, node) =>
			state.wrapBlock('> ', null, node, () => {
				state.write(`[!${ALERTS[calloutTone(node.attrs.tone)]}]`);
				state.ensureNewLine();
				content(state, node);
			}),
		codeBlock: fenced,
		horizontalRule: (state, node) => (state.write('---'), state.closeBlock(node)),
		bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
		orderedList: ordered,
		listItem: content,
		taskList: (state, node) =>
			state.renderList(node, '  ', (i) => (node.child(i).attrs.checked ? '- [x] ' : '- [ ] ')),
		taskItem: content,
		table,
		image,
		hardBreak: base.nodes.hard_break!,
		text: base.nodes.text!
	},
	{
		italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
		bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
		underline: { open: '<u>', close: '</u>', mixable: true, expelEnclosingWhitespace: true },
		strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
		code: base.marks.code!,
		link: {
			open: (state: State, mark: Mark, parent: Node, index: number) =>
				safeHref(mark.attrs.href)
					? linkPart(base.marks.link!.open, state, mark, parent, index)
					: '',
			close: (state: State, mark: Mark, parent: Node, index: number) =>
				safeHref(mark.attrs.href)
					? linkPart(base.marks.link!.close, state, mark, parent, index)
					: ''
		}
	},
	// `<` is escaped so that text like "<u>" typed by someone stays text on the way back.
	{ hardBreakNodeName: 'hardBreak', escapeExtraCharacters: /</g }
);

type Part = string | ((state: State, mark: Mark, parent: Node, index: number) => string);
const linkPart = (part: Part, state: State, mark: Mark, parent: Node, index: number) =>
	typeof part === 'string' ? part : part(state, mark, parent, index);

/** The document (ProseMirror JSON) as Markdown. */
export function toMarkdown(doc: PmNode): string {
	return serializer.serialize(schema.nodeFromJSON(doc), { tightLists: true });
}

const tokenizer = erfaRules(new MarkdownIt('default', { html: false, linkify: false }));

const parser = new MarkdownParser(schema, tokenizer, {
	paragraph: { block: 'paragraph' },
	heading: { block: 'heading', getAttrs: (t) => ({ level: clampLevel(t.tag.slice(1)) }) },
	blockquote: { block: 'blockquote' },
	callout: { block: 'callout', getAttrs: (t) => ({ tone: calloutTone(t.attrGet('tone')) }) },
	bullet_list: { block: 'bulletList' },
	ordered_list: {
		block: 'orderedList',
		getAttrs: (t) => ({ start: Number(t.attrGet('start')) || 1 })
	},
	list_item: { block: 'listItem' },
	task_list: { block: 'taskList' },
	task_item: { block: 'taskItem', getAttrs: (t) => ({ checked: t.attrGet('checked') === 'true' }) },
	code_block: { block: 'codeBlock', noCloseToken: true },
	fence: {
		block: 'codeBlock',
		getAttrs: (t) => ({ language: t.info.trim().split(/\s+/)[0] || null }),
		noCloseToken: true
	},
	hr: { node: 'horizontalRule' },
	hardbreak: { node: 'hardBreak' },
	image: {
		node: 'image',
		getAttrs: (t) => ({
			// What the editor would accept: an uploaded image or an http(s) address.
			src: safeImageSrc(t.attrGet('src')),
			alt: t.content || null,
			title: t.attrGet('title') || null
		})
	},
	table: { block: 'table' },
	thead: { ignore: true },
	tbody: { ignore: true },
	tr: { block: 'tableRow' },
	th: { block: 'tableHeader' },
	td: { block: 'tableCell' },
	em: { mark: 'italic' },
	strong: { mark: 'bold' },
	s: { mark: 'strike' },
	u: { mark: 'underline' },
	code_inline: { mark: 'code', noCloseToken: true },
	link: {
		mark: 'link',
		getAttrs: (t) => ({ href: safeHref(t.attrGet('href')), title: t.attrGet('title') || null })
	}
});

/** Markdown as a document (ProseMirror JSON in the schema). */
export function fromMarkdown(markdown: string): PmNode {
	return parser.parse(markdown).toJSON() as PmNode;
}
