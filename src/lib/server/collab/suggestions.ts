import * as Y from 'yjs';
import { loadRejection } from '../../documents/accepted.ts';
import { acceptedNow, toJSON } from '../documents/content.ts';
import { DROP, type Concern, type Connecting, type Verdict } from './hooks.ts';
import type { Peer } from './peer.ts';

// Suggest-only connections (access 'suggest': a reader of a document that takes suggestions)
// may add and withdraw suggestions but not change the accepted text. Their edit is applied to
// a copy of the document and the accepted document (every open suggestion rejected, as the
// editor's library rejects them, block suggestions read from their `suggestion` attribute)
// compared before and after; an edit that changes it is dropped, as a reader's edit is (auth.ts).

/** The document's accepted text and structure, as a string to compare. */
export function acceptedText(doc: Y.Doc): string {
	return JSON.stringify(acceptedNow(toJSON(doc)));
}

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

	// The suggestion library is loaded at the first suggester (documents/accepted.ts), before
	// any edit of theirs must be checked at once; rechecks.ts loads it before someone connected
	// becomes a suggester.
	async onConnect(connection: Connecting): Promise<null> {
		if (connection.access === 'suggest') await loadRejection();
		return null;
	}

	beforeChange(room: { doc: Y.Doc }, peer: Peer, update: Uint8Array): Verdict {
		if (peer.access !== 'suggest') return null;
		try {
			return changesAcceptedText(room.doc, update) ? DROP : null;
		} catch {
			// Not a readable update: what nobody can check is not taken from a suggester.
			void loadRejection();
			return DROP;
		}
	}
}
