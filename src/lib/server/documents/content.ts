import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import type { Schema } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { acceptedJSON } from '../../documents/accepted.ts';
import { documentSchema } from '../../documents/schema.ts';

// A document's content as ProseMirror JSON (the TipTap schema in $lib/documents/schema) and as
// plain text. Export, versions and search all start here.

export interface PmNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: PmNode[];
	marks?: { type: string; attrs?: Record<string, unknown> }[];
	text?: string;
}

export function toJSON(doc: Y.Doc): PmNode {
	const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as PmNode;
	return { type: 'doc', content: json.content ?? [] };
}

let schema: Schema | null = null;

/**
 * The content as decided so far: every open suggestion rejected (documents/accepted.ts), i.e.
 * text and blocks suggested for insertion dropped, a suggested paragraph break joined back,
 * suggested deletions and format changes undone. What exports and search show; versions keep
 * the suggestions.
 */
export function accepted(node: PmNode): PmNode {
	schema ??= documentSchema();
	return acceptedJSON(schema, node);
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
