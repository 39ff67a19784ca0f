import {
	AlignmentType,
	BorderStyle,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	ImageRun,
	LevelFormat,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IParagraphOptions,
	type ParagraphChild
} from 'docx';
import { calloutTone, clampLevel, segments, TASK_SYMBOL, textOf, type PmNode } from './convert.ts';

// A document as a Word file. Headings use Word's heading styles, quotes, callouts and code
// have styles of their own ("Quote", "Callout", "Code", "Inline Code", which the DOCX import
// maps back), lists are real Word lists, task items are paragraphs starting with ☐ or ☑, links
// are hyperlinks, and images are embedded when their bytes are given (else their alt text).

export interface DocxImage {
	data: Uint8Array;
	type: 'png' | 'jpg' | 'gif';
	width: number;
	height: number;
}

export interface DocxOptions {
	title: string;
	/** Makes links to this site absolute, so they work from the file. */
	origin?: string;
	/** Image bytes by the `src` written in the document. */
	images?: Map<string, DocxImage>;
}

type Block = Paragraph | Table;

interface Context {
	origin?: string;
	images: Map<string, DocxImage>;
	style?: string;
	fill?: string;
	bold?: boolean;
	/** The list level the content sits in (for indenting an item's later blocks). */
	level?: number;
	lists: { n: number };
}

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4
];
const FILLS = { info: 'E8F0FE', tip: 'E6F4EA', warning: 'FEF7E0' } as const;
const INDENT = 720; // half an inch, in twips
const MAX_IMAGE_WIDTH = 600; // pixels, about the text width of an A4 page

function inline(content: PmNode[] | undefined, ctx: Context): ParagraphChild[] {
	return segments(content, ctx.origin).flatMap((segment): ParagraphChild[] => {
		const link = !!segment.href && /^(https?|mailto):/i.test(segment.href);
		const runs = segment.runs.map((run) =>
			'break' in run
				? new TextRun({ break: 1 })
				: new TextRun({
						text: run.text,
						bold: ctx.bold || run.marks.includes('bold') || undefined,
						italics: run.marks.includes('italic') || undefined,
						underline: run.marks.includes('underline') ? {} : undefined,
						strike: run.marks.includes('strike') || undefined,
						style: run.marks.includes('code') ? 'InlineCode' : link ? 'Hyperlink' : undefined
					})
		);
		return link ? [new ExternalHyperlink({ link: segment.href!, children: runs })] : runs;
	});
}

function paragraph(ctx: Context, children: ParagraphChild[], extra: IParagraphOptions = {}) {
	return new Paragraph({
		style: ctx.style,
		shading: ctx.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: ctx.fill } : undefined,
		indent: ctx.level === undefined ? undefined : { left: INDENT * (ctx.level + 1) },
		...extra,
		children
	});
}

function list(node: PmNode, ctx: Context): Block[] {
	const level = ctx.level === undefined ? 0 : ctx.level + 1;
	const instance = node.type === 'orderedList' ? ++ctx.lists.n : 0;
	const marker: IParagraphOptions =
		node.type === 'bulletList'
			? { bullet: { level }, indent: undefined }
			: node.type === 'orderedList'
				? { numbering: { reference: 'ordered', level, instance }, indent: undefined }
				: {};
	return (node.content ?? []).flatMap((item) => {
		const inner = { ...ctx, level };
		const [first, ...rest] = item.content ?? [];
		const box =
			item.type === 'taskItem'
				? [new TextRun(`${item.attrs?.checked === true ? TASK_SYMBOL.done : TASK_SYMBOL.open} `)]
				: [];
		const lead =
			first?.type === 'paragraph'
				? [paragraph(inner, [...box, ...inline(first.content, inner)], marker)]
				: block(first, inner);
		return [...lead, ...rest.flatMap((n) => block(n, inner))];
	});
}

function table(node: PmNode, ctx: Context): Table {
	const rows = (node.content ?? []).map((row, i) => {
		const cells = row.content ?? [];
		const header = i === 0 && cells.length > 0 && cells.every((c) => c.type === 'tableHeader');
		return new TableRow({
			tableHeader: header || undefined,
			children: cells.map((c) => {
				const inner = { ...ctx, style: undefined, fill: undefined, level: undefined };
				const children = blocks(c.content, { ...inner, bold: c.type === 'tableHeader' });
				// Word needs every cell to end with a paragraph.
				if (!(children.at(-1) instanceof Paragraph)) children.push(new Paragraph({}));
				return new TableCell({
					children,
					columnSpan: Number(c.attrs?.colspan) > 1 ? Number(c.attrs?.colspan) : undefined,
					rowSpan: Number(c.attrs?.rowspan) > 1 ? Number(c.attrs?.rowspan) : undefined
				});
			})
		});
	});
	return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function image(node: PmNode, ctx: Context): Block[] {
	const alt = String(node.attrs?.alt ?? '');
	const found = ctx.images.get(String(node.attrs?.src ?? ''));
	if (!found) return alt ? [paragraph(ctx, [new TextRun({ text: alt, italics: true })])] : [];
	const scale = Math.min(1, MAX_IMAGE_WIDTH / found.width);
	const picture = new ImageRun({
		type: found.type,
		data: found.data,
		transformation: {
			width: Math.round(found.width * scale),
			height: Math.round(found.height * scale)
		},
		altText: { name: alt || 'image', description: alt, title: String(node.attrs?.title ?? alt) }
	});
	return [paragraph(ctx, [picture])];
}

function block(node: PmNode | undefined, ctx: Context): Block[] {
	if (!node) return [];
	switch (node.type) {
		case 'paragraph':
			return [paragraph(ctx, inline(node.content, ctx))];
		case 'heading':
			return [
				paragraph(ctx, inline(node.content, ctx), {
					heading: HEADINGS[clampLevel(node.attrs?.level) - 1]
				})
			];
		case 'bulletList':
		case 'orderedList':
		case 'taskList':
			return list(node, ctx);
		case 'table':
			return [table(node, ctx)];
		case 'blockquote':
			return blocks(node.content, { ...ctx, style: 'Quote' });
		case 'callout':
			return blocks(node.content, {
				...ctx,
				style: 'Callout',
				fill: FILLS[calloutTone(node.attrs?.tone)]
			});
		case 'codeBlock': {
			const lines = textOf(node).split('\n');
			const runs = lines.map((text, i) => new TextRun({ text, break: i ? 1 : undefined }));
			return [paragraph({ ...ctx, style: 'Code' }, runs)];
		}
		case 'horizontalRule':
			return [paragraph(ctx, [], { thematicBreak: true })];
		case 'image':
			return image(node, ctx);
		default:
			return blocks(node.content, ctx);
	}
}

const blocks = (nodes: PmNode[] | undefined, ctx: Context): Block[] =>
	(nodes ?? []).flatMap((n) => block(n, ctx));

const styles = {
	characterStyles: [{ id: 'InlineCode', name: 'Inline Code', run: { font: 'Courier New' } }],
	paragraphStyles: [
		{
			id: 'Quote',
			name: 'Quote',
			basedOn: 'Normal',
			next: 'Normal',
			run: { italics: true },
			paragraph: { indent: { left: INDENT } }
		},
		{
			id: 'Callout',
			name: 'Callout',
			basedOn: 'Normal',
			next: 'Normal',
			paragraph: {
				indent: { left: INDENT / 3, right: INDENT / 3 },
				border: { left: { style: BorderStyle.SINGLE, size: 24, color: '767676', space: 8 } }
			}
		},
		{
			id: 'Code',
			name: 'Code',
			basedOn: 'Normal',
			next: 'Normal',
			run: { font: 'Courier New', size: 20 }
		}
	]
};

const numbering = {
	config: [
		{
			reference: 'ordered',
			levels: Array.from({ length: 9 }, (_, level) => ({
				level,
				format: LevelFormat.DECIMAL,
				text: `%${level + 1}.`,
				alignment: AlignmentType.START,
				style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: INDENT / 2 } } }
			}))
		}
	]
};

/** The document (ProseMirror JSON) as the bytes of a .docx file. */
export async function toDocx(doc: PmNode, options: DocxOptions): Promise<Uint8Array> {
	const ctx: Context = {
		origin: options.origin,
		images: options.images ?? new Map(),
		lists: { n: 0 }
	};
	const file = new Document({
		title: options.title,
		creator: 'Erfa',
		styles,
		numbering,
		sections: [
			{
				children: [
					new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(options.title)] }),
					...blocks(doc.content, ctx)
				]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(file));
}

/** The format and pixel size of an image Word can embed (PNG, JPEG, GIF); null otherwise. */
export function imageInfo(data: Uint8Array): Omit<DocxImage, 'data'> | null {
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	const at = (i: number, length: number) => i + length <= data.length;
	if (at(0, 24) && view.getUint32(0) === 0x89504e47) {
		return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (at(0, 10) && String.fromCharCode(...data.subarray(0, 4)) === 'GIF8') {
		return { type: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
	}
	if (!at(0, 4) || view.getUint16(0) !== 0xffd8) return null;
	// JPEG: walk the segments to the frame header (SOF0–SOF15 but DHT, JPG and DAC).
	for (let i = 2; at(i, 9) && data[i] === 0xff; i += 2 + view.getUint16(i + 2)) {
		const marker = data[i + 1]!;
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { type: 'jpg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
		}
	}
	return null;
}
