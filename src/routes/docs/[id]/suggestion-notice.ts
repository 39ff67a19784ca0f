// Tells the server that this person suggests changes, so that the document's editors hear of
// it: at the first suggestion and then at most every ten minutes (the server keeps the same
// limit per person and document, for other tabs and devices).

const QUIET_MS = 10 * 60 * 1000;

export class SuggestionNotice {
	private readonly documentId: string;
	private last = -Infinity;

	constructor(documentId: string) {
		this.documentId = documentId;
	}

	suggested() {
		const now = Date.now();
		if (now - this.last < QUIET_MS) return;
		this.last = now;
		void fetch(`/docs/${this.documentId}/suggestions`, { method: 'POST', keepalive: true }).catch(
			() => undefined
		);
	}
}
