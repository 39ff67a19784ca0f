import type { Sql, TransactionSql } from 'postgres';
import { m } from '$lib/paraglide/messages.js';
import { anonymizeSuggestions } from '$lib/server/documents';
import * as experiences from '$lib/server/experiences';
import { mailer } from '$lib/server/mail';

// Deleting an account (by the person, or by an administrator on their request). The profile
// row goes, and with it by cascade the account, credentials, sessions (so every device is
// signed out at once), tokens, two-factor, memberships, notifications and exports; what the
// person wrote in groups loses its author and shows as "Tidigare medlem". If the person
// chooses, their own writing is deleted too, except where it is part of someone else's work:
// a thread others replied to, an experience others edited, a comment others answered.
// What else carried the person: their name's words leave the search vocabulary (unless
// something else still has them), others' notifications about what they did go, and their
// open suggestions in documents stay but name "Tidigare medlem" (documents/former-author.ts).

export interface EraseOptions {
	/** Delete what the person wrote, where it is theirs alone. */
	removeContent: boolean;
}

/** Deletes what is the person's alone; the titles that went (their words may go too). */
async function removeOwnContent(tx: TransactionSql, userId: string): Promise<string[]> {
	await tx`delete from public.replies where author_id = ${userId}`;
	const threads = await tx`delete from public.threads t where t.author_id = ${userId}
		and not exists (select 1 from public.replies r where r.thread_id = t.id) returning title`;
	const stories = await tx`delete from public.experiences e where e.author_id = ${userId}
		and not exists (select 1 from public.experience_revisions v where v.experience_id = e.id
			and v.edited_by is distinct from ${userId} and v.edited_by is not null) returning title`;
	await tx`delete from public.document_comments c where c.author_id = ${userId}
		and not exists (select 1 from public.document_comments answer where answer.parent_id = c.id
			and answer.author_id is distinct from ${userId})`;
	await tx`delete from public.research_comments where author_id = ${userId}`;
	return [...threads, ...stories].map((row) => String(row.title));
}

/** The words of the person's name and title, and of titles that went with them. */
async function wordsOf(tx: TransactionSql, userId: string, titles: string[]): Promise<string[]> {
	const [row] = await tx`select coalesce(array_agg(distinct w.word), '{}') as words
		from public.profiles p,
			erfa.words_of(concat_ws(' ', p.name, p.title, ${titles.join(' ')}::text)) w
		where p.id = ${userId}`;
	return row?.words ?? [];
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
		const titles = options.removeContent ? await removeOwnContent(tx, userId) : [];
		if (!options.removeContent) await removeOwnName(tx, userId);
		const words = await wordsOf(tx, userId, titles);
		// "Anna Lind replied…" in others' inboxes names the person; such notices go.
		await tx`delete from public.notifications where actor_id = ${userId}`;
		// Old mail and open invitations carry the address; they go with the account.
		await tx`delete from public.outbox where to_address = ${account.email}`;
		await tx`delete from public.invitations where email = ${account.email}`;
		await tx`delete from public.profiles where id = ${userId}`;
		await tx`select erfa_private.forget_search_words(${words}::text[])`;
		const shas = uploads.map((u) => u.sha256 as string);
		return { email: account.email as string, locale: account.locale as 'sv' | 'en', shas };
	});
	if (!account) return false;
	await anonymizeSuggestions(sql, userId);
	// Files of deleted experiences go too, unless the same bytes are used elsewhere.
	for (const sha of new Set(account.shas)) await experiences.attachments.discardIfUnused(sha);
	await mailer.send(confirmation(account.email, account.locale));
	return true;
}
