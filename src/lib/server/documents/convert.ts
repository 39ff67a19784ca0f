import type { CalloutTone } from '../../documents/schema.ts';
import type { PmNode } from './content.ts';

// What the exporters (Markdown, HTML, DOCX) and importers share: which links and image
// addresses are safe, how a paragraph's inline content falls into runs of equally marked text
// grouped by link, and the few conventions every format uses the same way.

export type { PmNode };

export const TASK_SYMBOL = { done: '☑', open: '☐' } as const;

/** Headings in documents go from 1 to 4 (schema.ts); anything deeper is kept as a 4. */
export const clampLevel = (level: unknown) => Math.min(4, Math.max(1, Number(level) || 1));

export const calloutTone = (tone: unknown): CalloutTone =>
	tone === 'tip' || tone === 'warning' ? tone : 'info';

const BASE = 'http://relative.invalid';

/**
 * The address of a link when it is safe to follow: http(s), mailto, or a path on this site
 * (made absolute when `origin` is given, so a downloaded file still points home). Anything
 * else (javascript:, data:, protocol-relative //host) gives null and the text stays unlinked.
 */
export function safeHref(href: unknown, origin?: string, schemes = ['http:', 'https:', 'mailto:']) {
	if (typeof href !== 'string') return null;
	// Control characters are dropped as browsers do, so what is checked is what is followed.
	const value = href.replace(/\p{Cc}/gu, '').trim();
	if (!value || value.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return null;
	}
	if (url.origin === BASE) {
		if (!/^[/#?]/.test(value)) return null;
		return origin ? new URL(value, origin).href : value;
	}
	return schemes.includes(url.protocol) ? value : null;
}

/** An image address: like a link, but never mailto. */
export const safeSrc = (src: unknown, origin?: string) =>
	safeHref(src, origin, ['http:', 'https:']);

/** The uploaded file an image shows, when its address is a document image on this site. */
export function documentImage(src: unknown, origin?: string) {
	const safe = safeSrc(src);
	if (!safe) return null;
	const url = new URL(safe, origin ?? BASE);
	if (url.origin !== (origin ? new URL(origin).origin : BASE)) return null;
	const match = /^\/docs\/([0-9a-f-]{36})\/images\/([0-9a-f-]{36})$/i.exec(url.pathname);
	return match ? { documentId: match[1]!, fileId: match[2]! } : null;
}

export type MarkName = 'bold' | 'italic' | 'underline' | 'strike' | 'code';
const MARKS: readonly MarkName[] = ['bold', 'italic', 'underline', 'strike', 'code'];

export type Run = { text: string; marks: MarkName[] } | { break: true };

/** Inline content under one link (href) or none (null). */
export interface Segment {
	href: string | null;
	runs: Run[];
}

/** A block's inline content as runs grouped by link, so a link spanning bold and plain text
 * stays one link in every format. Unsafe links become plain text. */
export function segments(content: PmNode[] | undefined, origin?: string): Segment[] {
	const out: Segment[] = [];
	for (const node of content ?? []) {
		const link = node.marks?.find((m) => m.type === 'link');
		const href = link ? safeHref(link.attrs?.href, origin) : null;
		let run: Run;
		if (node.type === 'hardBreak') run = { break: true };
		else if (node.type === 'text' && node.text) {
			const names = new Set(node.marks?.map((m) => m.type));
			run = { text: node.text, marks: MARKS.filter((m) => names.has(m)) };
		} else continue;
		const last = out.at(-1);
		if (last && last.href === href) last.runs.push(run);
		else out.push({ href, runs: [run] });
	}
	return out;
}

/** The text of a node and everything in it, without structure. */
export function textOf(node: PmNode): string {
	if (node.type === 'text') return node.text ?? '';
	return (node.content ?? []).map(textOf).join('');
}

/** The first heading's text, for a document's title on import. */
export function firstHeading(doc: PmNode): string | null {
	const heading = doc.content?.find((n) => n.type === 'heading');
	const text = heading ? textOf(heading).replace(/\s+/g, ' ').trim() : '';
	return text || null;
}
