import * as Y from 'yjs';
import { FRAGMENT } from '../../collab/protocol.ts';
import { DROP, type Concern, type Verdict } from './hooks.ts';
import type { Peer } from './peer.ts';

// Suggest-only connections (access 'suggest': a reader of a document that takes suggestions)
// may add and withdraw suggestions but not change the accepted text. Their edit is applied to
// a copy of the document and the accepted text (suggested insertions left out, suggested
// deletions kept, suggested formats ignored) compared before and after; an edit that changes it
// is dropped, as a reader's edit is (auth.ts).

const ZERO_WIDTH = /\u200B/g;
// y-prosemirror names a mark that may overlap itself "<mark>--<hash>".
const markName = (attribute: string) => attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, '');
const SUGGESTION = new Set(['insertion', 'deletion', 'modification']);

function acceptedRuns(text: Y.XmlText): string {
	// Runs with the same formats are joined: a suggestion between two parts of a run splits it.
	const runs: [unknown, string][] = [];
	for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
		const attributes = op.attributes ?? {};
		const names = Object.keys(attributes).map(markName);
		if (names.includes('insertion')) continue;
		const insert = typeof op.insert === 'string' ? op.insert.replace(ZERO_WIDTH, '') : op.insert;
		// A suggested format change keeps the new format until decided: its formats don't count.
		const formats = names.includes('modification')
			? []
			: Object.entries(attributes).filter(([name]) => !SUGGESTION.has(markName(name)));
		const key = JSON.stringify(formats.sort());
		const last = runs.at(-1);
		if (insert === '') continue;
		if (last && last[1] === key && typeof last[0] === 'string' && typeof insert === 'string') {
			last[0] += insert;
		} else runs.push([insert, key]);
	}
	return JSON.stringify(runs);
}

function accepted(node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) return acceptedRuns(node);
	if (node instanceof Y.XmlHook) return '';
	const children = node
		.toArray()
		.map((child) => accepted(child as Y.XmlElement))
		.join('');
	if (node instanceof Y.XmlFragment && !(node instanceof Y.XmlElement)) return children;
	const attributes = Object.entries(node.getAttributes()).sort();
	return `<${node.nodeName}${JSON.stringify(attributes)}>${children}</>`;
}

/** The document's accepted text and structure, as a string to compare. */
export const acceptedText = (doc: Y.Doc): string => accepted(doc.getXmlFragment(FRAGMENT));

/** Whether applying `update` to `doc` would change its accepted text (doc is not changed). */
export function changesAcceptedText(doc: Y.Doc, update: Uint8Array): boolean {
	const copy = new Y.Doc({ gc: false });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = acceptedText(copy);
	Y.applyUpdate(copy, update);
	return acceptedText(copy) !== before;
}

export class Suggestions implements Concern {
	readonly name = 'suggestions';

	beforeChange(room: { doc: Y.Doc }, peer: Peer, update: Uint8Array): Verdict {
		if (peer.access !== 'suggest') return null;
		try {
			return changesAcceptedText(room.doc, update) ? DROP : null;
		} catch {
			// Not a readable update: what nobody can check is not taken from a suggester.
			return DROP;
		}
	}
}
