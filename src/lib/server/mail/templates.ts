import type { Sql } from 'postgres';
import { m } from '../../paraglide/messages.js';
import { readConfig } from '../platform/config.ts';
import { queue, type Mail } from './outbox.ts';
import { kick } from './worker.ts';

// The e-mails Erfa sends about accounts, in the recipient's language. Plain text first (it is
// what screen readers and strict mail clients show); the HTML part carries the same words.

export type Locale = 'sv' | 'en';

function link(path: string): string {
	return new URL(path, readConfig().origin).href;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function compose(
	to: string,
	subject: string,
	paragraphs: string[],
	action?: { label: string; url: string }
): Mail {
	const text = [
		...paragraphs,
		...(action ? [`${action.label}: ${action.url}`] : []),
		'',
		'– Erfa'
	].join('\n\n');
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		action ? `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : '',
		'<p>– Erfa</p>'
	].join('\n');
	return { to, subject, text, html };
}

async function send(sql: Sql, mail: Mail): Promise<void> {
	await queue(sql, mail);
	kick();
}

export function verifyAddress(sql: Sql, to: string, token: string, locale: Locale) {
	const url = link(`/verify-email?token=${token}`);
	return send(
		sql,
		compose(to, m.mail_verify_subject({}, { locale }), [m.mail_verify_body({}, { locale })], {
			label: m.mail_verify_action({}, { locale }),
			url
		})
	);
}

export function confirmNewAddress(sql: Sql, to: string, token: string, locale: Locale) {
	const url = link(`/verify-email?token=${token}`);
	return send(
		sql,
		compose(to, m.mail_change_subject({}, { locale }), [m.mail_change_body({}, { locale })], {
			label: m.mail_verify_action({}, { locale }),
			url
		})
	);
}

export function resetPassword(sql: Sql, to: string, token: string, locale: Locale) {
	const url = link(`/reset-password?token=${token}`);
	return send(
		sql,
		compose(to, m.mail_reset_subject({}, { locale }), [m.mail_reset_body({}, { locale })], {
			label: m.mail_reset_action({}, { locale }),
			url
		})
	);
}

export function alreadyRegistered(sql: Sql, to: string, locale: Locale) {
	return send(
		sql,
		compose(to, m.mail_exists_subject({}, { locale }), [m.mail_exists_body({}, { locale })], {
			label: m.mail_reset_action({}, { locale }),
			url: link('/forgot-password')
		})
	);
}

/** The one-time link that proves an account without a password, to link it to a provider. */
export function linkAccount(
	sql: Sql,
	to: string,
	token: string,
	words: { organization: string },
	locale: Locale
) {
	return send(
		sql,
		compose(
			to,
			m.mail_sso_link_subject({}, { locale }),
			[m.mail_sso_link_body(words, { locale })],
			{
				label: m.mail_sso_link_action({}, { locale }),
				url: link(`/login/sso/link/confirm?proof=${token}`)
			}
		)
	);
}
