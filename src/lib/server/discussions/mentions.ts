import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import type { Db } from '$lib/server/platform';

// @mentions in discussions: a member writes "@Förnamn Efternamn". Names contain spaces and
// Swedish letters, so a mention cannot be found by a simple word pattern; it is resolved
// against the names of the group's members instead, longest name first, so that "@Anna Lind"
// and "@Anna Lindqvist" each find their own person and "@Anna Lindqvist" never finds Anna Lind.
//
// Both resolving and highlighting work on the text nodes of the HTML that render() produced
// (outside links and code), so what is highlighted is exactly what notifies.

export interface Member {
	id: string;
	name: string;
}

interface Candidate {
	pattern: RegExp;
	ids: string[];
}

interface Found {
	start: number;
	end: number;
	ids: string[];
}

/** Elements whose text is never a mention: code is quoted verbatim, a link already points somewhere. */
const skipped = new Set(['a', 'code', 'pre']);
/** Private-use characters that mark where a highlighted mention goes while the HTML is re-serialized. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const letterOrDigit = /[\p{L}\p{N}_]/u;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const normalize = (name: string) => name.trim().replace(/\s+/g, ' ');

// A thread renders many posts against one member list: build its patterns once.
const compiled = new WeakMap<Member[], Candidate[]>();

/** One pattern per distinct name (two members may share one; both are then meant). */
function candidates(members: Member[]): Candidate[] {
	const known = compiled.get(members);
	if (known) return known;
	const byName = new Map<string, Candidate & { length: number }>();
	for (const member of members) {
		const name = normalize(member.name);
		if (!name) continue;
		const key = name.toLocaleLowerCase('sv');
		const existing = byName.get(key);
		if (existing) {
			existing.ids.push(member.id);
			continue;
		}
		const words = name.split(' ').map(escapeRegex).join('\\s+');
		// Sticky and case-insensitive; the look-ahead makes it a whole-word match.
		const pattern = new RegExp(`${words}(?![\\p{L}\\p{N}_])`, 'iuy');
		byName.set(key, { pattern, ids: [member.id], length: name.length });
	}
	const sorted = [...byName.values()].sort((a, b) => b.length - a.length);
	compiled.set(members, sorted);
	return sorted;
}

/** Mentions in one piece of plain text, left to right, longest name first at each "@". */
function findIn(text: string, names: Candidate[]): Found[] {
	const found: Found[] = [];
	let at = text.indexOf('@');
	while (at !== -1) {
		// "anna@avesta.se" is an address, not a mention: the "@" must start a word.
		const startsWord = at === 0 || !letterOrDigit.test(text[at - 1]!);
		let next = at + 1;
		for (const name of startsWord ? names : []) {
			name.pattern.lastIndex = at + 1;
			const match = name.pattern.exec(text);
			if (match) {
				found.push({ start: at, end: at + 1 + match[0].length, ids: name.ids });
				next = at + 1 + match[0].length;
				break;
			}
		}
		at = text.indexOf('@', next);
	}
	return found;
}

type Node = ReturnType<typeof parseDocument>['children'][number];

/** Calls `visit` with every text node outside links and code. */
function eachText(nodes: Node[], visit: (node: Node & { data: string }) => void) {
	for (const node of nodes) {
		if (node.type === ElementType.Text) visit(node);
		else if ('children' in node && !('name' in node && skipped.has(node.name))) {
			eachText(node.children, visit);
		}
	}
}

/** The ids of the members that sanitized HTML mentions, each once. */
export function mentionedIds(html: string, members: Member[]): string[] {
	const names = candidates(members);
	if (names.length === 0 || !html.includes('@')) return [];
	const ids = new Set<string>();
	eachText(parseDocument(html).children, (node) => {
		for (const found of findIn(node.data, names)) found.ids.forEach((id) => ids.add(id));
	});
	return [...ids];
}

/**
 * Wraps each mention in sanitized HTML in a highlighted span. Runs after sanitizing and only
 * touches text nodes: the mention's text is escaped again, so no name can inject markup.
 */
export function highlightMentions(html: string, members: Member[]): string {
	const names = candidates(members);
	if (names.length === 0 || !html.includes('@')) return html;
	const spans: string[] = [];
	const doc = parseDocument(html);
	eachText(doc.children, (node) => {
		// Nobody may forge a marker of their own.
		const text = node.data.replaceAll(OPEN, '').replaceAll(CLOSE, '');
		let out = '';
		let last = 0;
		for (const found of findIn(text, names)) {
			out += text.slice(last, found.start) + OPEN + spans.length + CLOSE;
			spans.push(text.slice(found.start, found.end));
			last = found.end;
		}
		node.data = out + text.slice(last);
	});
	if (spans.length === 0) return html;
	const serialized = DomUtils.getOuterHTML(doc, { encodeEntities: 'utf8' });
	return serialized.replace(
		new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'),
		(_, i: string) => `<span class="mention">${escapeHtml(spans[Number(i)]!)}</span>`
	);
}

/** The group's members, for resolving mentions (through the caller's client: RLS decides). */
export async function groupMembers(db: Db, groupId: string): Promise<Member[]> {
	const { data, error } = await db
		.from('group_members')
		.select('user_id, profile:profiles(name)')
		.eq('group_id', groupId);
	if (error) throw new Error(`group_members: ${error.message}`);
	const rows = data as unknown as { user_id: string; profile: { name: string } | null }[];
	// A deactivated person's profile is hidden from members: they cannot be mentioned.
	return rows.flatMap((r) => (r.profile ? [{ id: r.user_id, name: r.profile.name }] : []));
}
