import type { Sql, TransactionSql } from 'postgres';
import { m } from '$lib/paraglide/messages.js';
import * as experiences from '$lib/server/experiences';
import { mailer } from '$lib/server/mail';

// Deleting an account (by the person, or by an administrator on their request). The profile
// row goes, and with it by cascade the account, credentials, sessions (so every device is
// signed out at once), tokens, two-factor, memberships, notifications and exports; what the
// person wrote in groups loses its author and shows as "Tidigare medlem". If the person
// chooses, their own writing is deleted too, except where it is part of someone else's work:
// a thread others replied to, an experience others edited, a comment others answered.

export interface EraseOptions {
	/** Delete what the person wrote, where it is theirs alone. */
	removeContent: boolean;
}

async function removeOwnContent(tx: TransactionSql, userId: string) {
	await tx`delete from public.replies where author_id = ${userId}`;
	await tx`delete from public.threads t where t.author_id = ${userId}
		and not exists (select 1 from public.replies r where r.thread_id = t.id)`;
	await tx`delete from public.experiences e where e.author_id = ${userId}
		and not exists (select 1 from public.experience_revisions v where v.experience_id = e.id
			and v.edited_by is distinct from ${userId} and v.edited_by is not null)`;
	await tx`delete from public.document_comments c where c.author_id = ${userId}
		and not exists (select 1 from public.document_comments answer where answer.parent_id = c.id
			and answer.author_id is distinct from ${userId})`;
	await tx`delete from public.research_comments where author_id = ${userId}`;
}

function confirmation(to: string, locale: 'sv' | 'en') {
	const body = m.mydata_mail_deleted_body({}, { locale });
	return {
		to,
		subject: m.mydata_mail_deleted_subject({}, { locale }),
		text: `${body}\n\n– Erfa`,
		html: `<p>${body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>\n<p>– Erfa</p>`
	};
}

/** The person's name as contact person on their own experiences (and in their history) goes:
 * the text stays, the name is personal data. A colleague named there is left alone. */
async function removeOwnName(tx: TransactionSql, userId: string) {
	const mine = tx`select e.id from public.experiences e join public.profiles p on p.id = e.author_id
		where e.author_id = ${userId} and e.contact_person ilike '%' || p.name || '%'`;
	await tx`update public.experience_revisions set data = data - 'contact_person'
		where experience_id in (${mine})`;
	await tx`update public.experiences set contact_person = null where id in (${mine})`;
}

/** Deletes the account and sends a confirmation; false when there was no such account. */
export async function erase(sql: Sql, userId: string, options: EraseOptions): Promise<boolean> {
	const account = await sql.begin(async (tx) => {
		const [account] = await tx`select email, locale from public.accounts
			where user_id = ${userId} for update`;
		if (!account) return null;
		const uploads = await tx`select sha256 from public.attachments where uploaded_by = ${userId}`;
		if (options.removeContent) await removeOwnContent(tx, userId);
		else await removeOwnName(tx, userId);
		// Old mail and open invitations carry the address; they go with the account.
		await tx`delete from public.outbox where to_address = ${account.email}`;
		await tx`delete from public.invitations where email = ${account.email}`;
		await tx`delete from public.profiles where id = ${userId}`;
		const shas = uploads.map((u) => u.sha256 as string);
		return { email: account.email as string, locale: account.locale as 'sv' | 'en', shas };
	});
	if (!account) return false;
	// Files of deleted experiences go too, unless the same bytes are used elsewhere.
	for (const sha of new Set(account.shas)) await experiences.attachments.discardIfUnused(sha);
	await mailer.send(confirmation(account.email, account.locale));
	return true;
}
