import type { Anchor, Thread } from '$lib/documents/types';
import { m } from '$lib/paraglide/messages.js';

// The comment threads of the open document in the browser. Every change goes to the JSON
// endpoints under /docs/<id>/comments, which answer with all threads as they are now.

export type { Thread };

export class CommentsState {
	threads = $state.raw<Thread[]>([]);
	showResolved = $state(false);
	/** The thread being looked at (highlighted in the text). */
	active = $state<string | null>(null);
	/** The last refusal or failure, for a role="alert" message. */
	problem = $state<string | null>(null);
	busy = $state(false);

	private readonly base: string;
	/** After this person changed something: tell the others. */
	private readonly changed: () => void;

	constructor(documentId: string, initial: Thread[], changed: () => void) {
		this.base = `/docs/${documentId}/comments`;
		this.threads = initial;
		this.changed = changed;
	}

	get visible(): Thread[] {
		return this.showResolved ? this.threads : this.threads.filter((t) => !t.resolvedAt);
	}

	get openCount(): number {
		return this.threads.filter((t) => !t.resolvedAt).length;
	}

	/** Fetches the threads again (someone else commented). Failures are silent: it is a refresh. */
	async refresh(): Promise<void> {
		const response = await fetch(this.base, { headers: { accept: 'application/json' } }).catch(
			() => null
		);
		if (response?.ok) this.threads = ((await response.json()) as { threads: Thread[] }).threads;
	}

	create = (anchor: Anchor, quote: string, body: string, suggestionId: string | null = null) =>
		this.send('', 'POST', { anchor, quote, body, suggestionId });

	/** The open threads about a suggestion. */
	about = (suggestionId: string) =>
		this.threads.filter((t) => t.suggestionId === suggestionId && !t.resolvedAt);

	/** These suggestions were decided: their open threads are resolved. */
	async resolveSuggestions(ids: string[]): Promise<void> {
		const open = ids.filter((id) => this.about(id).length > 0);
		if (open.length) await this.send('/suggestions', 'POST', { ids: open });
	}

	reply = (threadId: string, body: string) => this.send(`/${threadId}/replies`, 'POST', { body });

	setResolved = (threadId: string, resolved: boolean) =>
		this.send(`/${threadId}`, 'PATCH', { action: resolved ? 'resolve' : 'reopen' });

	edit = (commentId: string, body: string) =>
		this.send(`/${commentId}`, 'PATCH', { action: 'edit', body });

	remove = (commentId: string) => this.send(`/${commentId}`, 'DELETE');

	/** True when the server took the change; otherwise `problem` says why. */
	private async send(path: string, method: string, body?: unknown): Promise<boolean> {
		this.busy = true;
		this.problem = null;
		try {
			const response = await fetch(this.base + path, {
				method,
				headers: { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const answer = (await response.json().catch(() => ({}))) as {
				threads?: Thread[];
				message?: string;
			};
			if (!response.ok || !answer.threads) {
				this.problem = answer.message ?? m.editor_comment_failed();
				return false;
			}
			this.threads = answer.threads;
			this.changed();
			return true;
		} catch {
			this.problem = m.editor_comment_offline();
			return false;
		} finally {
			this.busy = false;
		}
	}
}
