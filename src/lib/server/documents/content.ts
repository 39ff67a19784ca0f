import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { acceptedJSON, acceptedJSONLoading } from '../../documents/accepted.ts';
import { contentSchema } from '../../documents/content-schema.ts';

// A document's content as ProseMirror JSON (the schema in $lib/documents/schema) and as plain
// text. Export, versions, search and the collaboration server's checks all start here, without
// TipTap's or y-prosemirror's editor code (issue 17: content-schema.ts).

export interface PmNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: PmNode[];
	marks?: { type: string; attrs?: Record<string, unknown> }[];
	text?: string;
}

// y-prosemirror names a mark that may overlap itself `<name>--<hash>` in Yjs.
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/** Yjs text as ProseMirror text nodes, its formats as marks (as y-prosemirror reads them). */
function textNodes(text: Y.XmlText): PmNode[] {
	const delta = text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
	return delta.map(({ insert, attributes }) => {
		const node: PmNode = { type: 'text', text: insert };
		if (attributes) {
			node.marks = Object.entries(attributes).map(([name, attrs]) => ({
				type: HASHED_MARK.exec(name)?.[1] ?? name,
				attrs: attrs as Record<string, unknown>
			}));
		}
		return node;
	});
}

/** What y-prosemirror's yXmlFragmentToProsemirrorJSON gives, without loading its editor code. */
function nodesOf(item: unknown): PmNode[] {
	if (item instanceof Y.XmlText) return textNodes(item);
	if (!(item instanceof Y.XmlElement)) throw new Error('unexpected Yjs type in a document');
	const node: PmNode = { type: item.nodeName };
	const attrs = item.getAttributes();
	if (Object.keys(attrs).length) node.attrs = attrs;
	const children = item.toArray();
	if (children.length) node.content = children.flatMap(nodesOf);
	return [node];
}

export function toJSON(doc: Y.Doc): PmNode {
	return { type: 'doc', content: doc.getXmlFragment(FRAGMENT).toArray().flatMap(nodesOf) };
}

/**
 * The content as decided so far: every open suggestion rejected (documents/accepted.ts), i.e.
 * text and blocks suggested for insertion dropped, a suggested paragraph break joined back,
 * suggested deletions and format changes undone. What exports and search show; versions keep
 * the suggestions.
 */
export function accepted(node: PmNode): Promise<PmNode> {
	return acceptedJSONLoading(contentSchema(), node);
}

/** accepted(), at once: throws for open suggestions until loadRejection() has resolved. */
export function acceptedNow(node: PmNode): PmNode {
	return acceptedJSON(contentSchema(), node);
}

const BLOCKS = new Set([
	'paragraph',
	'heading',
	'codeBlock',
	'listItem',
	'taskItem',
	'tableRow',
	'blockquote',
	'callout'
]);

/** The text a reader sees, one line per block; table cells separated by tabs. */
export function plainText(node: PmNode): string {
	const lines: string[] = [];
	let line = '';
	const visit = (n: PmNode) => {
		if (n.type === 'text') line += n.text ?? '';
		else if (n.type === 'hardBreak') line += '\n';
		else if (n.type === 'image') line += String(n.attrs?.alt ?? '');
		if (n.type === 'tableCell' || n.type === 'tableHeader') {
			if (line && !line.endsWith('\t')) line += '\t';
		}
		n.content?.forEach(visit);
		if (BLOCKS.has(n.type) && line.trim()) {
			lines.push(line.replace(/\t$/, ''));
			line = '';
		}
	};
	visit(node);
	if (line.trim()) lines.push(line);
	return lines.join('\n');
}
