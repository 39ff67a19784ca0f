// Suggesting whom to @mention while a comment is typed: where the mention being typed starts,
// which members match it, and the text once one is chosen. Names have spaces ("@Anna Lind"),
// so up to three words after the "@" count as the name being typed.

export interface Mentionable {
	id: string;
	name: string;
}

export interface Typed {
	/** Where the "@" is. */
	start: number;
	query: string;
}

const MAX_QUERY = 40;
const MAX_SHOWN = 6;

/** The mention being typed just before the caret, or null when there is none. */
export function typedMention(text: string, caret: number): Typed | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at < 0) return null;
	// An "@" inside a word is an address (anna@avesta.se), not a mention.
	if (at > 0 && /[\p{L}\p{N}_.]/u.test(before[at - 1]!)) return null;
	const query = before.slice(at + 1);
	if (query.length > MAX_QUERY || /\n/.test(query) || query.split(' ').length > 3) return null;
	return { start: at, query };
}

/** Members whose name, or a word of it, starts with what was typed; at most six. */
export function matching(members: Mentionable[], query: string): Mentionable[] {
	const q = query.trim().toLocaleLowerCase('sv');
	const starts = (name: string) => {
		const lower = name.toLocaleLowerCase('sv');
		return lower.startsWith(q) || lower.split(/\s+/).some((word) => word.startsWith(q));
	};
	return members.filter((m) => starts(m.name)).slice(0, MAX_SHOWN);
}

/** The text with the typed mention replaced by the chosen name, and where the caret goes. */
export function chosen(text: string, typed: Typed, caret: number, name: string) {
	const inserted = `@${name} `;
	return {
		text: text.slice(0, typed.start) + inserted + text.slice(caret).replace(/^ /, ''),
		caret: typed.start + inserted.length
	};
}
