import { encodeBase64 } from '@oslojs/encoding';
import * as Y from 'yjs';
import type { CollabSession } from '$lib/components/editor/collab-session.svelte';
import { m } from '$lib/paraglide/messages.js';

// Every accepted or rejected suggestion is kept in the version history as a named version
// ("Förslag godkänt av …"), saved by the history page's own action. The request leaves at once
// and survives leaving the page (keepalive): a decision must not be lost because its maker
// moved on. It carries this browser's Yjs state vector, and the server waits until it has
// stored that much, so the version holds the text with the decision made.

const NAME_MAX = 120;

export class DecisionLog {
	private readonly documentId: string;
	private readonly session: () => CollabSession | null;

	constructor(documentId: string, session: () => CollabSession | null) {
		this.documentId = documentId;
		this.session = session;
	}

	record(accepted: boolean, who: string, summary: string) {
		const text = accepted
			? m.suggest_accepted_version({ name: who, summary })
			: m.suggest_rejected_version({ name: who, summary });
		const body = new FormData();
		body.set('name', text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1)}…` : text);
		const doc = this.session()?.doc;
		if (doc) body.set('covers', encodeBase64(Y.encodeStateVector(doc)));
		void fetch(`/docs/${this.documentId}/history?/save`, {
			method: 'POST',
			body,
			keepalive: true,
			headers: { 'x-sveltekit-action': 'true' }
		}).catch(() => undefined);
	}
}
