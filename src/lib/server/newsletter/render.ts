import { sanitize, type SanitizeOptions } from '../platform/sanitize.ts';
import { m } from '$lib/paraglide/messages.js';
import { kindLabel as label } from '$lib/newsletter/labels';
import type { Issue, NewsletterItem } from '$lib/newsletter/types';
import { readConfig } from '$lib/server/platform';

// An issue as e-mail: an accessible HTML part (language, title, headings, real links, one
// column that reflows on a phone, text contrast above 7:1) and a plain-text part with the same
// words, which is what screen readers and strict mail clients use. The preview and the sent
// mail come from the same function, so what the editor saw is what subscribers get.

export type Locale = 'sv' | 'en';

const introRules: SanitizeOptions = {
	allowedTags: ['p', 'br', 'strong', 'em', 's', 'a', 'ul', 'ol', 'li', 'h2', 'h3', 'blockquote'],
	allowedAttributes: { a: ['href'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	transformTags: { h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3', b: 'strong', i: 'em', strike: 's' }
};

/** The editor's HTML, reduced to what a mail client shows safely. */
export function cleanIntro(html: string): string {
	const clean = sanitize(html, introRules).trim();
	// An editor left empty still sends "<p></p>".
	return plain(clean) ? clean : '';
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function decode(text: string): string {
	return text
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

/** Plain text of sanitized HTML: paragraphs apart, list items dashed, links spelled out. */
export function plain(html: string): string {
	const text = html
		.replace(/<a href="([^"]*)">(.*?)<\/a>/g, (_, href: string, label: string) =>
			label === href ? href : `${label} (${href})`
		)
		.replace(/<li>/g, '- ')
		.replace(/<br\s*\/?>/g, '\n')
		.replace(/<\/li>/g, '\n')
		.replace(/<\/(p|h2|h3|blockquote|ul|ol)>/g, '\n\n')
		.replace(/<[^>]+>/g, '');
	return decode(text)
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function absoluteUrl(url: string): string {
	return new URL(url, readConfig().origin).href;
}

export function subjectOf(issue: Pick<Issue, 'subjectSv' | 'subjectEn'>, locale: Locale): string {
	return (locale === 'en' && issue.subjectEn.trim()) || issue.subjectSv;
}

export function introOf(issue: Pick<Issue, 'introSv' | 'introEn'>, locale: Locale): string {
	return (locale === 'en' && plain(issue.introEn) && issue.introEn) || issue.introSv;
}

function kindLabel(item: NewsletterItem, locale: Locale): string {
	return label(item.kind, locale);
}

function itemHtml(item: NewsletterItem, locale: Locale): string {
	const summary = item.summary.trim()
		? `<p style="margin:4px 0 0">${escapeHtml(item.summary)}</p>`
		: '';
	return `<li style="margin:0 0 20px">
<p style="margin:0;font-size:14px;color:#3b3b3b">${escapeHtml(kindLabel(item, locale))}</p>
<h3 style="margin:2px 0 0;font-size:18px"><a href="${escapeHtml(absoluteUrl(item.url))}" style="color:#0b4f8a">${escapeHtml(item.title)}</a></h3>
${summary}</li>`;
}

export interface Footer {
	unsubscribeUrl: string;
}

export function issueHtml(issue: Issue, locale: Locale, footer: Footer): string {
	const subject = subjectOf(issue, locale);
	const items = issue.items.length
		? `<h2 style="font-size:20px;margin:28px 0 12px">${escapeHtml(m.newsletter_mail_items_heading({}, { locale }))}</h2>
<ul style="list-style:none;padding:0;margin:0">${issue.items.map((i) => itemHtml(i, locale)).join('\n')}</ul>`
		: '';
	return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div role="article" aria-label="${escapeHtml(subject)}" lang="${locale}" style="max-width:640px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 8px;color:#3b3b3b">${escapeHtml(m.newsletter_mail_masthead({}, { locale }))}</p>
<h1 style="font-size:26px;line-height:1.25;margin:0 0 16px">${escapeHtml(subject)}</h1>
${introOf(issue, locale)}
${items}
<hr style="border:0;border-top:1px solid #767676;margin:28px 0 16px">
<p style="font-size:14px;color:#3b3b3b">${escapeHtml(m.newsletter_mail_why({}, { locale }))}
<a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:#0b4f8a">${escapeHtml(m.newsletter_mail_unsubscribe({}, { locale }))}</a></p>
<p style="font-size:14px;color:#3b3b3b"><a href="${escapeHtml(absoluteUrl('/newsletter'))}" style="color:#0b4f8a">${escapeHtml(m.newsletter_mail_archive({}, { locale }))}</a></p>
</div></body></html>`;
}

export function issueText(issue: Issue, locale: Locale, footer: Footer): string {
	const items = issue.items.map((item) =>
		[`${kindLabel(item, locale)}: ${item.title}`, item.summary.trim(), absoluteUrl(item.url)]
			.filter(Boolean)
			.join('\n')
	);
	return [
		m.newsletter_mail_masthead({}, { locale }),
		subjectOf(issue, locale),
		plain(introOf(issue, locale)),
		...(items.length ? [m.newsletter_mail_items_heading({}, { locale }), ...items] : []),
		'--',
		`${m.newsletter_mail_why({}, { locale })} ${m.newsletter_mail_unsubscribe({}, { locale })}: ${footer.unsubscribeUrl}`,
		`${m.newsletter_mail_archive({}, { locale })}: ${absoluteUrl('/newsletter')}`
	]
		.filter((part) => part.trim())
		.join('\n\n');
}
