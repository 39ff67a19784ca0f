import type { Sql } from 'postgres';
import { m } from '$lib/paraglide/messages.js';
import { mailer, queue } from '$lib/server/mail';
import type { Issue } from '$lib/newsletter/types';
import { readConfig } from '$lib/server/platform';
import { issueHtml, issueText, subjectOf, type Locale } from './render.ts';
import { confirmLink } from './tokens.ts';

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Double opt-in: the link that turns the request into a subscription. */
export async function sendConfirmation(sql: Sql, to: string, token: string, locale: Locale) {
	const url = confirmLink(token);
	const body = m.newsletter_confirm_mail_body({}, { locale });
	const action = m.newsletter_confirm_mail_action({}, { locale });
	const ignore = m.newsletter_confirm_mail_ignore({}, { locale });
	await queue(sql, {
		to,
		subject: m.newsletter_confirm_mail_subject({}, { locale }),
		text: [body, `${action}: ${url}`, ignore, '– Erfa'].join('\n\n'),
		html: [
			`<p>${escapeHtml(body)}</p>`,
			`<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
			`<p>${escapeHtml(ignore)}</p>`,
			'<p>– Erfa</p>'
		].join('\n')
	});
	mailer.kick();
}

/** The issue as a subscriber would get it; the unsubscribe link points nowhere real. */
export function preview(issue: Issue, locale: Locale) {
	const footer = { unsubscribeUrl: new URL('/newsletter', readConfig().origin).href };
	return {
		subject: subjectOf(issue, locale),
		html: issueHtml(issue, locale, footer),
		text: issueText(issue, locale, footer)
	};
}
