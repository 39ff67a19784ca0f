// Whether a comment's text is still there. An anchor is two Yjs relative positions; when the
// text between them is deleted and other text is written in its place (a restore, or someone
// rewriting the sentence), the positions can close round the new text. A comment is about
// text that is gone when what its anchor now spans shares no word with the text it quoted:
// edited text keeps some of its words, replaced text does not.

const words = (text: string) =>
	new Set(
		text
			.toLocaleLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter((w) => w.length > 0)
	);

/** True when `now` (the text the anchor spans) still holds a word of `quote`. */
export function stillQuoted(quote: string, now: string): boolean {
	const quoted = words(quote);
	if (quoted.size === 0) return now.trim().length > 0;
	for (const word of words(now)) if (quoted.has(word)) return true;
	return false;
}
