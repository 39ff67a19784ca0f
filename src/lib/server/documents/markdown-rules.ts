import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { CalloutTone } from '../../documents/schema.ts';
import { safeSrc } from './convert.ts';

// markdown-it rules that turn GitHub-flavoured constructs into the token shapes our schema
// needs, so prosemirror-markdown's MarkdownParser can map them one to one:
// - `- [ ] x` / `- [x] x` lists become task lists (only when every item has a box);
// - `> [!NOTE]` / `[!TIP]` / `[!WARNING]` blockquotes of paragraphs become callouts;
// - table cells get a paragraph (cells hold blocks in the schema, inline text in GFM);
// - images, inline in Markdown but blocks in the schema, are lifted out of their paragraph;
// - `<u>…</u>` is underline (raw HTML is otherwise off, so nothing else is interpreted).

const TASK = /^\[([ xX])\](?:[ \t]+|$)/;
const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;
const TONES: Record<string, CalloutTone> = {
	NOTE: 'info',
	IMPORTANT: 'info',
	TIP: 'tip',
	WARNING: 'warning',
	CAUTION: 'warning'
};

/** The index of the token closing the one opened at `open` (same level, given type). */
function closing(tokens: Token[], open: number, type: string): number {
	const level = tokens[open]!.level;
	return tokens.findIndex((t, i) => i > open && t.level === level && t.type === type);
}

/** The list's items (indexes of their opening tokens) and the text each starts with. */
function items(tokens: Token[], list: number, close: number) {
	const found: { open: number; text: Token | undefined }[] = [];
	for (let j = list + 1; j < close; j++) {
		const t = tokens[j]!;
		if (t.type !== 'list_item_open' || t.level !== tokens[list]!.level + 1) continue;
		found.push({
			open: j,
			text: tokens[j + 1]?.type === 'paragraph_open' ? tokens[j + 2] : undefined
		});
	}
	return found;
}

function taskLists(tokens: Token[]) {
	tokens.forEach((list, i) => {
		if (list.type !== 'bullet_list_open') return;
		const close = closing(tokens, i, 'bullet_list_close');
		const entries = items(tokens, i, close).map((e) => ({
			...e,
			box: TASK.exec(e.text?.content ?? '')
		}));
		if (close < 0 || entries.some((e) => !e.box)) return;
		list.type = 'task_list_open';
		tokens[close]!.type = 'task_list_close';
		for (const { open, text, box } of entries) {
			tokens[open]!.type = 'task_item_open';
			tokens[open]!.attrSet('checked', String(box![1] !== ' '));
			tokens[closing(tokens, open, 'list_item_close')]!.type = 'task_item_close';
			text!.content = text!.content.slice(box![0].length);
		}
	});
}

function callouts(tokens: Token[]) {
	for (let i = 0; i < tokens.length; i++) {
		const quote = tokens[i]!;
		if (quote.type !== 'blockquote_open') continue;
		const close = closing(tokens, i, 'blockquote_close');
		const first = tokens[i + 1]?.type === 'paragraph_open' ? tokens[i + 2] : undefined;
		const alert = first && ALERT.exec(first.content);
		const onlyParagraphs = tokens
			.slice(i + 1, close)
			.every((t) => t.level !== quote.level + 1 || t.type.startsWith('paragraph_'));
		if (!first || !alert || !onlyParagraphs) continue;
		quote.type = 'callout_open';
		quote.attrSet('tone', TONES[alert[1]!.toUpperCase()]!);
		tokens[close]!.type = 'callout_close';
		first.content = first.content.slice(alert[0].length);
		// A marker alone in its paragraph: that paragraph goes, unless it is the only one.
		if (!first.content.trim() && close - i > 4) tokens.splice(i + 1, 3);
	}
}

function cellParagraphs(state: StateCore) {
	const out: Token[] = [];
	for (const token of state.tokens) {
		const inCell = token.type === 'inline' && /^t[hd]_open$/.test(out.at(-1)?.type ?? '');
		if (inCell) out.push(new state.Token('paragraph_open', 'p', 1));
		out.push(token);
		if (inCell) out.push(new state.Token('paragraph_close', 'p', -1));
	}
	state.tokens = out;
}

function liftImages(state: StateCore) {
	const tokens = state.tokens;
	const out: Token[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const [open, token, close] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
		const images = token.type === 'inline' && token.children?.some((c) => c.type === 'image');
		if (!images || open?.type !== 'paragraph_open' || !close) {
			out.push(token);
			continue;
		}
		out.pop(); // the paragraph_open, pushed again around each run of text
		let run: Token[] = [];
		const flush = () => {
			// The spaces between an image and the text beside it belong to neither.
			if (run[0]?.type === 'text') run[0].content = run[0].content.trimStart();
			if (run.at(-1)?.type === 'text') run.at(-1)!.content = run.at(-1)!.content.trimEnd();
			if (run.some((c) => c.type !== 'softbreak' && (c.type !== 'text' || c.content))) {
				out.push(open, Object.assign(new state.Token('inline', '', 0), { children: run }), close);
			}
			run = [];
		};
		for (const child of token.children!) {
			if (child.type !== 'image') run.push(child);
			else if (safeSrc(child.attrGet('src'))) {
				flush();
				out.push(child);
			} else run.push(Object.assign(new state.Token('text', '', 0), { content: child.content }));
		}
		flush();
		i++; // its paragraph_close is already in `out`
	}
	state.tokens = out;
}

function underline(md: MarkdownIt) {
	md.inline.ruler.before('emphasis', 'underline', (state, silent) => {
		const open = state.src.startsWith('<u>', state.pos);
		if (!open && !state.src.startsWith('</u>', state.pos)) return false;
		if (!silent) state.push(open ? 'u_open' : 'u_close', 'u', open ? 1 : -1);
		state.pos += open ? 3 : 4;
		return true;
	});
}

/** Adds the rules above to a markdown-it instance. */
export function erfaRules(md: MarkdownIt): MarkdownIt {
	md.core.ruler.before('inline', 'erfa_blocks', (state) => {
		taskLists(state.tokens);
		callouts(state.tokens);
	});
	md.core.ruler.after('inline', 'erfa_cells', cellParagraphs);
	md.core.ruler.after('erfa_cells', 'erfa_images', liftImages);
	underline(md);
	return md;
}
