import type { Sql } from 'postgres';
import { m } from '../../paraglide/messages.js';
import { readConfig } from '$lib/server/platform';
import { queue } from './outbox.ts';
import type { Locale } from './templates.ts';
import { kick } from './worker.ts';

// E-mails about group membership, in the recipient's language, laid out like the account
// e-mails in ./templates.ts: plain text first, an HTML part with the same words.

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Invitation {
	to: string;
	groupName: string;
	inviterName: string;
	/** The coordinator's own words, shown as a quote; may be empty. */
	message: string;
	/** Registered people go to their invitations; others to registration with this address. */
	registered: boolean;
	locale: Locale;
}

export function invitationMail(invitation: Invitation) {
	const { locale, groupName, inviterName } = invitation;
	// Registration opens with the invited address filled in. It travels only in the mail sent to
	// that address, so the link tells its reader nothing they did not already know.
	const target = new URL(invitation.registered ? '/invitations' : '/register', readConfig().origin);
	if (!invitation.registered) target.searchParams.set('email', invitation.to);
	const url = target.href;
	const paragraphs = [
		m.groups_mail_invitation_body({ inviter: inviterName, group: groupName }, { locale }),
		...(invitation.message.trim()
			? [
					m.groups_mail_invitation_message(
						{ inviter: inviterName, message: invitation.message.trim() },
						{ locale }
					)
				]
			: []),
		invitation.registered
			? m.groups_mail_invitation_registered({}, { locale })
			: m.groups_mail_invitation_unregistered({ email: invitation.to }, { locale })
	];
	const label = invitation.registered
		? m.groups_mail_invitation_action_registered({}, { locale })
		: m.groups_mail_invitation_action_unregistered({}, { locale });
	const text = [...paragraphs, `${label}: ${url}`, '', '– Erfa'].join('\n\n');
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
		`<p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`,
		'<p>– Erfa</p>'
	].join('\n');
	return {
		to: invitation.to,
		subject: m.groups_mail_invitation_subject({ group: groupName }, { locale }),
		text,
		html
	};
}

export async function sendInvitation(sql: Sql, invitation: Invitation): Promise<void> {
	await queue(sql, invitationMail(invitation));
	kick();
}
