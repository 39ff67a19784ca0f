import { diffArrays, diffWords } from 'diff';
import type { BlockShape, Change, DiffBlock, DiffPart } from '../../documents/types.ts';
import type { PmNode } from './content.ts';

// What changed between two versions of a document, block by block, keeping each block's form:
// a heading stays a heading of its level, a list item a bullet or numbered item at its depth,
// a checklist item keeps its box, a table row its cells. Whole blocks added or removed are
// marked as such; a block edited in place shows the words that changed (cell by cell in a
// table row). A block whose form changed (a paragraph made a heading) is one removed, one added.

interface Block extends BlockShape {
	text: string;
	cells?: string[];
}

const textOf = (n: PmNode): string => {
	if (n.type === 'text') return n.text ?? '';
	if (n.type === 'hardBreak') return '\n';
	if (n.type === 'image') return String(n.attrs?.alt ?? '');
	return (n.content ?? []).map(textOf).join('');
};

/** The text of an item's own paragraphs, not of the lists nested in it. */
const ownText = (item: PmNode) =>
	(item.content ?? [])
		.filter((c) => !/List$/.test(c.type))
		.map(textOf)
		.join(' ')
		.trim();

const listKinds: Record<string, BlockShape['kind']> = {
	bulletList: 'bullet',
	orderedList: 'ordered',
	taskList: 'task'
};

function visit(node: PmNode, depth: number, out: Block[]): void {
	const kind = listKinds[node.type];
	if (kind) {
		for (const item of node.content ?? []) {
			const checked = kind === 'task' ? Boolean(item.attrs?.checked) : undefined;
			out.push({ kind, level: depth + 1, checked, text: ownText(item) });
			for (const child of item.content ?? [])
				if (listKinds[child.type]) visit(child, depth + 1, out);
		}
		return;
	}
	switch (node.type) {
		case 'heading':
			out.push({ kind: 'heading', level: Number(node.attrs?.level ?? 1), text: textOf(node) });
			return;
		case 'paragraph':
			if (textOf(node).trim()) out.push({ kind: 'paragraph', level: 1, text: textOf(node) });
			return;
		case 'codeBlock':
			out.push({ kind: 'code', level: 1, text: textOf(node) });
			return;
		case 'blockquote':
		case 'callout':
			out.push({
				kind: node.type === 'blockquote' ? 'quote' : 'callout',
				level: 1,
				text: (node.content ?? []).map(textOf).join('\n')
			});
			return;
		case 'tableRow': {
			const cells = (node.content ?? []).map((c) => textOf(c).trim());
			const header = (node.content ?? []).every((c) => c.type === 'tableHeader');
			out.push({ kind: 'row', level: 1, header, cells, text: cells.join('\t') });
			return;
		}
	}
	for (const child of node.content ?? []) visit(child, depth, out);
}

/** The document's blocks in reading order, each with its form. */
export function blocksOf(doc: PmNode): Block[] {
	const out: Block[] = [];
	visit(doc, 0, out);
	return out;
}

const keyOf = (b: Block) => `${b.kind}|${b.level}|${b.checked ?? ''}|${b.header ?? ''}|${b.text}`;
const sameForm = (a: Block, b: Block) => a.kind === b.kind && a.level === b.level;
const shape = (b: Block): BlockShape => ({
	kind: b.kind,
	level: b.level,
	...(b.checked !== undefined && { checked: b.checked }),
	...(b.header !== undefined && { header: b.header })
});

const words = (before: string, after: string): DiffPart[] =>
	diffWords(before, after).map((p) => ({
		change: (p.added ? 'added' : p.removed ? 'removed' : 'same') as Change,
		text: p.value
	}));

function whole(change: Change, b: Block): DiffBlock {
	const part = (text: string): DiffPart[] => [{ change, text }];
	return { change, ...shape(b), parts: part(b.text), ...(b.cells && { cells: b.cells.map(part) }) };
}

function edited(before: Block, after: Block): DiffBlock {
	const block: DiffBlock = {
		change: 'changed',
		...shape(after),
		parts: words(before.text, after.text)
	};
	if (before.checked !== after.checked) block.checkedBefore = before.checked;
	if (after.cells) {
		const width = Math.max(after.cells.length, before.cells?.length ?? 0);
		block.cells = Array.from({ length: width }, (_, i) =>
			words(before.cells?.[i] ?? '', after.cells?.[i] ?? '')
		);
	}
	return block;
}

/** Pairs a run of removed blocks with the added run after it: same form, edited in place. */
function paired(removed: Block[], added: Block[]): DiffBlock[] {
	const out: DiffBlock[] = [];
	let a = 0;
	for (const before of removed) {
		const match = added.findIndex((b, i) => i >= a && sameForm(before, b));
		if (match < 0) {
			out.push(whole('removed', before));
			continue;
		}
		out.push(...added.slice(a, match).map((b) => whole('added', b)));
		out.push(edited(before, added[match]!));
		a = match + 1;
	}
	out.push(...added.slice(a).map((b) => whole('added', b)));
	return out;
}

/** What changed from `before` to `after`, block by block, each block in its own form. */
export function compare(before: PmNode, after: PmNode): DiffBlock[] {
	const [from, to] = [blocksOf(before), blocksOf(after)];
	const changes = diffArrays(from.map(keyOf), to.map(keyOf));
	const out: DiffBlock[] = [];
	let [i, j] = [0, 0];
	for (let c = 0; c < changes.length; c++) {
		const change = changes[c]!;
		const count = change.count ?? change.value.length;
		if (change.removed && changes[c + 1]?.added) {
			const next = changes[c + 1]!;
			const addedCount = next.count ?? next.value.length;
			out.push(...paired(from.slice(i, i + count), to.slice(j, j + addedCount)));
			[i, j, c] = [i + count, j + addedCount, c + 1];
		} else if (change.removed) {
			out.push(...from.slice(i, i + count).map((b) => whole('removed', b)));
			i += count;
		} else if (change.added) {
			out.push(...to.slice(j, j + count).map((b) => whole('added', b)));
			j += count;
		} else {
			out.push(...to.slice(j, j + count).map((b) => whole('same', b)));
			[i, j] = [i + count, j + count];
		}
	}
	return out;
}
