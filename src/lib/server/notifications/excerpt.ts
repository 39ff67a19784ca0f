import { plainText } from '../platform/markdown.ts';

// The passage a notification carries, so that the inbox and the e-mail say what matters
// (what was said to me, the start of a reply) and not only where. Always plain text.

const MAX = 280;
const clip = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** The opening of a Markdown text: its first lines, as far as they fit. */
export function opening(markdown: string, max = MAX): string {
	return plainText(markdown, max);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sentence in which `name` is mentioned ("@Anna Lind"), clipped around the mention when
 * it is long; the opening when the mention is not found (it was in a heading, say).
 */
export function around(markdown: string, name: string, max = MAX): string {
	const text = plainText(markdown, 100_000);
	const words = name.trim().split(/\s+/).map(escapeRegex).join('\\s+');
	const found = new RegExp(`@${words}`, 'iu').exec(text);
	if (!found) return clip(text, max);
	const before = text.slice(0, found.index);
	const start = Math.max(before.search(/[^.!?]*$/), 0);
	const rest = text.slice(found.index);
	const stop = rest.search(/[.!?](\s|$)/);
	const sentence = text.slice(start, stop === -1 ? text.length : found.index + stop + 1).trim();
	if (sentence.length <= max) return sentence;
	// A very long sentence: keep some words before the mention and what follows it.
	const from = Math.max(0, found.index - start - Math.floor(max / 3));
	const piece = sentence.slice(from);
	return `${from > 0 ? '…' : ''}${clip(piece, max - (from > 0 ? 1 : 0))}`;
}
