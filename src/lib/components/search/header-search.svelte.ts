import type { HitType } from './hit-types';

// The state of the header's type-ahead (an ARIA combobox with a listbox popup): what has been
// typed, the suggestions for it, whether the popup is open and which option is highlighted.
// Typing waits DEBOUNCE_MS before asking the server, and each new request aborts the one before,
// so an old answer can never replace a newer one.

export interface Suggestion {
	type: HitType;
	title: string;
	href: string;
	context: string | null;
}

export const DEBOUNCE_MS = 150;

export class HeaderSearch {
	query = $state('');
	hits = $state<Suggestion[]>([]);
	/** Set when the hits are for a corrected spelling of the query. */
	corrected = $state<string | null>(null);
	expanded = $state(false);
	/** Index of the highlighted option; -1: none (Enter then opens the results page). */
	active = $state(-1);
	/** An answer for the current query has arrived. */
	answered = $state(false);

	/** Where the results page for the query is; also the last option of the popup. */
	allHref = $derived(`/search?q=${encodeURIComponent(this.query.trim())}`);
	/** The options in order: the hits, then "show all results". */
	hrefs = $derived([...this.hits.map((h) => h.href), this.allHref]);

	#timer: ReturnType<typeof setTimeout> | undefined;
	#controller: AbortController | null = null;
	readonly #fetch: typeof fetch;
	readonly #delay: number;

	constructor(fetcher: typeof fetch = (input, init) => fetch(input, init), delay = DEBOUNCE_MS) {
		this.#fetch = fetcher;
		this.#delay = delay;
	}

	input(value: string): void {
		this.query = value;
		this.active = -1;
		this.answered = false;
		this.cancel();
		if (!value.trim()) {
			this.hits = [];
			this.expanded = false;
			return;
		}
		this.#timer = setTimeout(() => void this.#load(value), this.#delay);
	}

	async #load(q: string): Promise<void> {
		const controller = new AbortController();
		this.#controller = controller;
		let body: { hits: Suggestion[]; corrected: string | null };
		try {
			const response = await this.#fetch(`/search/suggest?q=${encodeURIComponent(q)}`, {
				signal: controller.signal,
				headers: { accept: 'application/json' }
			});
			if (!response.ok) throw new Error(`suggest: ${response.status}`);
			body = await response.json();
		} catch {
			// Aborted by newer typing, or offline: the form still submits to the results page.
			if (controller.signal.aborted) return;
			body = { hits: [], corrected: null };
		}
		if (controller.signal.aborted) return;
		this.hits = body.hits;
		this.corrected = body.corrected;
		this.answered = true;
		this.expanded = true;
		this.active = -1;
	}

	/** Arrow keys: open the popup, then move the highlight, wrapping around. */
	move(step: 1 | -1): void {
		if (!this.query.trim()) return;
		this.expanded = true;
		const n = this.hrefs.length;
		this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
	}

	/** Where Enter goes: the highlighted option, or null to submit the form. */
	get activeHref(): string | null {
		return this.expanded && this.active >= 0 ? (this.hrefs[this.active] ?? null) : null;
	}

	close(): void {
		this.expanded = false;
		this.active = -1;
	}

	/** Stops a pending or running request (the person submits or leaves). */
	cancel(): void {
		clearTimeout(this.#timer);
		this.#controller?.abort();
		this.#controller = null;
	}

	reset(): void {
		this.cancel();
		this.query = '';
		this.hits = [];
		this.corrected = null;
		this.answered = false;
		this.close();
	}
}
