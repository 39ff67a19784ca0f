import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import { plainText } from './content.ts';
import { markHeaderRows } from './docx-header-rows.ts';
import { imageCollector, splitImages, type ImportedImage } from './import-images.ts';
import { clampLevel, safeHref, TASK_SYMBOL, type PmNode } from './convert.ts';

// A Word file as a document. mammoth turns it into clean semantic HTML (its Markdown output
// is deprecated and loses tables), htmlparser2 (already used for mentions) reads that HTML,
// and the walk below maps the handful of elements mammoth emits onto the schema. The style
// map brings back what our own DOCX export writes (Quote, Callout, Code, ☐/☑ task items).
// Images come out as placeholders with their bytes beside them (import-images.ts).

const styleMap = [
	"p[style-name='Title'] => h1:fresh",
	"p[style-name='Quote'] => blockquote > p:fresh",
	"p[style-name='Intense Quote'] => blockquote > p:fresh",
	"p[style-name='Callout'] => aside > p:fresh",
	"p[style-name='Code'] => pre:separator('\\n')",
	"r[style-name='Inline Code'] => code",
	// What pandoc writes (and other converters copy): code, verbatim text, indented quotes.
	"p[style-name='Source Code'] => pre:separator('\\n')",
	"r[style-name='Verbatim Char'] => code",
	"p[style-name='Block Text'] => blockquote > p:fresh",
	'u => u',
	'strike => s'
];

type Mark = NonNullable<PmNode['marks']>[number];

const MARKS: Record<string, Mark> = {
	strong: { type: 'bold' },
	b: { type: 'bold' },
	em: { type: 'italic' },
	i: { type: 'italic' },
	u: { type: 'underline' },
	s: { type: 'strike' },
	del: { type: 'strike' },
	code: { type: 'code' }
};

const BLOCKS = new Set([
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'table',
	'blockquote',
	'aside',
	'pre',
	'div'
]);

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const paragraph = (content: PmNode[] = []): PmNode =>
	content.length ? { type: 'paragraph', content } : { type: 'paragraph' };

const text = (value: string, marks: Mark[] = []): PmNode[] =>
	value ? [{ type: 'text', text: value, ...(marks.length ? { marks } : {}) }] : [];

function inline(nodes: ChildNode[], marks: Mark[] = []): PmNode[] {
	return nodes.flatMap((n): PmNode[] => {
		if (n.type === 'text') return text(n.data, marks);
		if (!isElement(n)) return [];
		if (n.name === 'br') return [{ type: 'hardBreak' }];
		if (n.name === 'img') return [image(n)];
		const href = n.name === 'a' ? safeHref(n.attribs.href) : null;
		const mark = href ? { type: 'link', attrs: { href } } : MARKS[n.name];
		const inner = mark && !marks.some((m) => m.type === mark.type) ? [...marks, mark] : marks;
		return inline(n.children, inner);
	});
}

const image = (img: Element): PmNode => ({
	type: 'image',
	attrs: { src: img.attribs.src ?? '', alt: img.attribs.alt?.trim() || null, title: null }
});

const withoutImages = (content: PmNode[]) => content.filter((n) => n.type !== 'image');

function listItem(li: Element): PmNode {
	const lead = li.children.filter((c) => !isElement(c) || !BLOCKS.has(c.name));
	const rest = blocks(li.children.filter((c) => isElement(c) && BLOCKS.has(c.name)));
	const content = [...(lead.length ? splitImages(inline(lead)) : []), ...rest];
	// An item starts with a paragraph in the schema.
	if (content[0]?.type !== 'paragraph') content.unshift(paragraph());
	return { type: 'listItem', content };
}

function table(el: Element): PmNode | null {
	const rows = DomUtils.getElementsByTagName('tr', el, true).filter(
		(tr) => closestTable(tr) === el
	);
	const content = rows
		.map((tr): PmNode => ({
			type: 'tableRow',
			content: tr.children.filter(isElement).map((cell) => ({
				type: cell.name === 'th' ? 'tableHeader' : 'tableCell',
				attrs: {
					colspan: Number(cell.attribs.colspan) || 1,
					rowspan: Number(cell.attribs.rowspan) || 1
				},
				content: nonEmpty(blocks(cell.children))
			}))
		}))
		.filter((r) => r.content!.length);
	return content.length ? { type: 'table', content } : null;
}

function closestTable(el: Element): Element | null {
	let parent = el.parent;
	while (parent && !(isElement(parent as ChildNode) && (parent as Element).name === 'table')) {
		parent = parent.parent;
	}
	return parent as Element | null;
}

const nonEmpty = (content: PmNode[]) => (content.length ? content : [paragraph()]);

function block(el: Element): PmNode | PmNode[] | null {
	const heading = /^h([1-6])$/.exec(el.name);
	if (heading)
		return {
			type: 'heading',
			attrs: { level: clampLevel(heading[1]) },
			content: withoutImages(inline(el.children))
		};
	switch (el.name) {
		case 'p':
			return splitImages(inline(el.children));
		case 'ul':
		case 'ol': {
			const items = el.children.filter((c): c is Element => isElement(c) && c.name === 'li');
			if (!items.length) return null;
			return {
				type: el.name === 'ol' ? 'orderedList' : 'bulletList',
				content: items.map(listItem)
			};
		}
		case 'table':
			return table(el);
		case 'blockquote':
			return { type: 'blockquote', content: nonEmpty(blocks(el.children)) };
		case 'aside': {
			// A callout holds paragraphs only: anything else in it keeps just its text.
			const paragraphs = blocks(el.children).map((b) =>
				b.type === 'paragraph' ? b : paragraph(text(plainText(b)))
			);
			return { type: 'callout', attrs: { tone: 'info' }, content: nonEmpty(paragraphs) };
		}
		case 'pre': {
			const text = inline(el.children)
				.map((n) => (n.type === 'hardBreak' ? '\n' : (n.text ?? '')))
				.join('');
			return { type: 'codeBlock', content: text ? [{ type: 'text', text }] : [] };
		}
		default:
			return null;
	}
}

// Paragraphs starting with ☐ or ☑ (how our export writes task items) become a task list.
function taskItem(node: PmNode): PmNode | null {
	const first = node.type === 'paragraph' ? node.content?.[0] : undefined;
	const box = first?.type === 'text' ? /^([☐☑☒])\s?/.exec(first.text ?? '') : null;
	if (!box || !first) return null;
	const rest = first.text!.slice(box[0].length);
	const content = [...(rest ? [{ ...first, text: rest }] : []), ...node.content!.slice(1)];
	return {
		type: 'taskItem',
		attrs: { checked: box[1] !== TASK_SYMBOL.open },
		content: [paragraph(content)]
	};
}

function blocks(nodes: ChildNode[]): PmNode[] {
	const out: PmNode[] = [];
	let loose: ChildNode[] = [];
	const flush = () => {
		const content = inline(loose);
		if (content.some((n) => n.type !== 'text' || n.text!.trim())) out.push(...splitImages(content));
		loose = [];
	};
	for (const n of nodes) {
		if (!isElement(n) || !BLOCKS.has(n.name)) {
			loose.push(n);
			continue;
		}
		flush();
		const converted = n.name === 'div' ? blocks(n.children) : [block(n)].flat();
		for (const b of converted) {
			const task = b && taskItem(b);
			const last = out.at(-1);
			if (task && last?.type === 'taskList') last.content!.push(task);
			else if (task) out.push({ type: 'taskList', content: [task] });
			else if (b) out.push(b);
		}
	}
	flush();
	return out;
}

/**
 * The content of a .docx file as a document (ProseMirror JSON) and the images in it, waiting
 * for a document to belong to. Throws on an unreadable file.
 */
export async function fromDocx(
	bytes: Uint8Array
): Promise<{ doc: PmNode; images: ImportedImage[] }> {
	const collector = imageCollector();
	const result = await mammoth.convertToHtml(
		{ buffer: Buffer.from(await markHeaderRows(bytes)) },
		{
			styleMap,
			externalFileAccess: false,
			convertImage: mammoth.images.imgElement(collector.convert)
		}
	);
	const doc = { type: 'doc', content: blocks(parseDocument(result.value).children) };
	return { doc, images: collector.found };
}
