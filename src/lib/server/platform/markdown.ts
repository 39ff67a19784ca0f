import { Marked } from 'marked';
import { sanitize, type SanitizeOptions } from './sanitize.ts';

// Markdown written by members (group descriptions, experiences, discussions) becomes HTML in
// two steps: marked renders it, sanitize-html keeps only an allow-list of harmless elements and
// attributes. Raw HTML in the source is escaped, not trusted; links get rel="nofollow ugc".

const marked = new Marked({ gfm: true, breaks: true, async: false });
// Raw HTML in Markdown is shown as text: nobody needs it, and it is the usual XSS door.
marked.use({
	renderer: {
		html: ({ text }) => escapeHtml(text)
	}
});

const allowed: SanitizeOptions = {
	allowedTags: [
		'p',
		'br',
		'strong',
		'em',
		'del',
		'a',
		'ul',
		'ol',
		'li',
		'blockquote',
		'code',
		'pre',
		'h2',
		'h3',
		'h4',
		'hr',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target'],
		th: ['align'],
		td: ['align'],
		ol: ['start']
	},
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	// A document has one h1 (the page title): headings written by members start at h2.
	transformTags: {
		h1: 'h2',
		h5: 'h4',
		h6: 'h4',
		a: (tagName, attribs) => ({
			tagName,
			attribs: {
				...attribs,
				rel: 'nofollow ugc noopener',
				...(isExternal(attribs.href) ? { target: '_blank' } : {})
			}
		})
	},
	disallowedTagsMode: 'escape'
};

function isExternal(href: string | undefined): boolean {
	return !!href && /^https?:\/\//i.test(href);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The same short texts are rendered on every view of their page (a group's description on its
// overview, an event's description): marked and sanitize-html cost ~0.3 ms of CPU each time
// (issue 17). The output depends on the text alone, so the last few are kept per process. Only
// short texts, and a few of them, so the memory stays small (≤ ~0.6 MB).
const RENDERED_MAX = 64;
const RENDERED_LENGTH = 2000;
const rendered = new Map<string, string>();

/** Safe HTML for Markdown written by a member. */
export function render(markdown: string): string {
	const kept = rendered.get(markdown);
	if (kept !== undefined) return kept;
	const html = sanitize(marked.parse(markdown) as string, allowed).trim();
	if (markdown.length <= RENDERED_LENGTH) {
		// Oldest first in a Map's order: drop the oldest once full.
		if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
		rendered.set(markdown, html);
	}
	return html;
}

/** Plain text (for previews, notification titles and e-mail), without Markdown syntax. */
export function plainText(markdown: string, max = 280): string {
	const text = sanitize(marked.parse(markdown) as string, {
		allowedTags: [],
		allowedAttributes: {}
	})
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
