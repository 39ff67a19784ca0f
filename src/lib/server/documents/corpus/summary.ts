import type { PmNode } from '../convert.ts';
import { textOf } from '../convert.ts';

// What a reader would notice of a document's structure, for the corpus test to compare with
// what each file must keep: headings, how deep lists nest, tables and their header rows, links,
// images and their alt text, quotes, strikethrough and code.

export interface Summary {
	headings: string[];
	listDepth: number;
	tasks: boolean[];
	tables: { header: boolean; rows: number }[];
	links: string[];
	images: string[];
	quotes: number;
	strike: string[];
	code: number;
	text: string;
}

const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

function depth(node: PmNode): number {
	const below = Math.max(0, ...(node.content ?? []).map(depth));
	return LISTS.has(node.type) ? below + 1 : below;
}

function walk(node: PmNode, into: Summary) {
	const first = node.content?.[0]?.content ?? [];
	if (node.type === 'heading') into.headings.push(`${node.attrs?.level} ${textOf(node)}`);
	if (node.type === 'taskItem') into.tasks.push(node.attrs?.checked === true);
	if (node.type === 'table') {
		const header = first.length > 0 && first.every((c) => c.type === 'tableHeader');
		into.tables.push({ header, rows: node.content?.length ?? 0 });
	}
	if (node.type === 'image') into.images.push(String(node.attrs?.alt ?? ''));
	if (node.type === 'blockquote') into.quotes++;
	if (node.type === 'codeBlock') into.code++;
	for (const mark of node.marks ?? []) {
		if (mark.type === 'link') into.links.push(String(mark.attrs?.href));
		if (mark.type === 'strike') into.strike.push(node.text ?? '');
		if (mark.type === 'code') into.code++;
	}
	node.content?.forEach((child) => walk(child, into));
}

export function summarize(doc: PmNode): Summary {
	const summary: Summary = {
		headings: [],
		listDepth: depth(doc),
		tasks: [],
		tables: [],
		links: [],
		images: [],
		quotes: 0,
		strike: [],
		code: 0,
		text: textOf(doc)
	};
	walk(doc, summary);
	summary.links = [...new Set(summary.links)];
	return summary;
}
