import type { CollabSession } from '$lib/components/editor/collab-session.svelte';
import { m } from '$lib/paraglide/messages.js';

// Every accepted or rejected suggestion is kept in the version history as a named version
// ("Förslag godkänt av …"), saved by the history page's own action. The decision travels to
// the server as a Yjs update; the version is asked for once the server has it, so the version
// holds the text with the decision made. Decisions made in one go are recorded one after the
// other, in order.

const SAVED_POLL_MS = 150;
const SAVED_WAIT_MS = 15_000;
const NAME_MAX = 120;

export class DecisionLog {
	private queue: Promise<void> = Promise.resolve();
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
		const name = text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1)}…` : text;
		this.queue = this.queue.then(() => this.save(name)).catch(() => undefined);
	}

	private async save(name: string) {
		await this.whenSaved();
		const body = new FormData();
		body.set('name', name);
		await fetch(`/docs/${this.documentId}/history?/save`, {
			method: 'POST',
			body,
			headers: { 'x-sveltekit-action': 'true' }
		});
	}

	private async whenSaved() {
		const started = Date.now();
		// The update is made in the same task as the decision: let the session see it first.
		await new Promise((resolve) => setTimeout(resolve, SAVED_POLL_MS));
		while (this.session()?.pending && Date.now() - started < SAVED_WAIT_MS) {
			await new Promise((resolve) => setTimeout(resolve, SAVED_POLL_MS));
		}
	}
}
