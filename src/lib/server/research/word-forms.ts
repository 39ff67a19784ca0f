import { stopWords } from './stop-words.ts';

// The radar matches texts on PostgreSQL's stems ("arbet", "bostad", "communiti"), which are not
// words anyone wrote. For its reasons each stem is shown as the word it stands for in the
// research record's own text: the form found there most often (the shortest on a tie). Snowball
// stems are prefixes of the lower-cased word, except English ones that turn a final y into i.
// A stem with no such word, or whose word is a stop word, is left out rather than shown raw.

function candidates(stem: string, word: string): boolean {
	if (word.startsWith(stem)) return true;
	return stem.endsWith('i') && word.startsWith(`${stem.slice(0, -1)}y`);
}

function bestForm(stem: string, counts: Map<string, { n: number; written: string }>) {
	let best: { word: string; n: number; written: string } | null = null;
	for (const [word, found] of counts) {
		if (!candidates(stem, word)) continue;
		const better =
			!best || found.n > best.n || (found.n === best.n && word.length < best.word.length);
		if (better) best = { word, ...found };
	}
	return best;
}

/** Lower-cased words with how often each appears and how it is written: lower case, unless it is
 * capitalized in the middle of a sentence everywhere it appears (a name such as Bergslagen). */
function countWords(text: string): Map<string, { n: number; written: string }> {
	const seen = new Map<string, { n: number; lower: boolean; name: string | null }>();
	for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
		const token = match[0];
		const word = token.toLocaleLowerCase('sv');
		const sentenceStart = /(^|[.!?:])$/.test(text.slice(0, match.index).trimEnd());
		const entry = seen.get(word) ?? { n: 0, lower: false, name: null };
		entry.n += 1;
		if (token === word) entry.lower = true;
		else if (!sentenceStart) entry.name ??= token;
		seen.set(word, entry);
	}
	const counts = new Map<string, { n: number; written: string }>();
	for (const [word, e] of seen)
		counts.set(word, { n: e.n, written: e.lower ? word : (e.name ?? word) });
	return counts;
}

/** The stems as words written in the text, stop words left out, each once, in the stems' order. */
export function wordForms(stems: string[], text: string): string[] {
	const counts = countWords(text);
	const forms: string[] = [];
	for (const stem of stems) {
		const lower = stem.toLocaleLowerCase('sv');
		if (stopWords.has(lower)) continue;
		const best = bestForm(lower, counts);
		if (!best || stopWords.has(best.word) || forms.includes(best.written)) continue;
		forms.push(best.written);
	}
	return forms;
}
