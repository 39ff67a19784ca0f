import type { Sql } from 'postgres';
import type { Db } from '$lib/server/platform';

// What suggested changes add to comments and notifications: the threads about a suggestion are
// resolved when it is decided; the document's editors (everyone who has written in it, its
// creator) and the group's coordinators hear of new suggestions and of comments on them, a new
// suggestion at most once per suggester and document in NOTICE_MINUTES.

export const NOTICE_MINUTES = 10;
export const MAX_SUGGESTION_ID = 300;

/**
 * Resolves the open threads about these suggestions (they were accepted or rejected), through
 * the caller's client: the comments' policies decide. The number of threads resolved.
 */
export async function resolveFor(
	db: Db,
	userId: string,
	documentId: string,
	suggestionIds: string[]
): Promise<number> {
	if (suggestionIds.length === 0) return 0;
	const { data, error } = await db
		.from('document_comments')
		.update({ resolved_at: new Date().toISOString(), resolved_by: userId })
		.eq('document_id', documentId)
		.in('suggestion_id', suggestionIds)
		.is('parent_id', null)
		.is('resolved_at', null)
		.select('id');
	if (error) throw new Error(`document_comments: ${error.message}`);
	return data.length;
}

/**
 * Who hears of suggestions: the document's editors and the group's coordinators. Read with
 * the privileged pool because a suggester (a reader from another group) may not list the
 * document's contributors nor the group's members; emit() still drops anyone who may not
 * read the group.
 */
export async function concerned(sql: Sql, document: { id: string; groupId: string }) {
	const rows = await sql<{ user_id: string }[]>`
		select user_id from public.document_contributors where document_id = ${document.id}
		union
		select created_by from public.documents where id = ${document.id} and created_by is not null
		union
		select user_id from public.group_members
		where group_id = ${document.groupId} and role = 'coordinator'`;
	return rows.map((r) => r.user_id);
}

/**
 * Claims this suggester's notice for the document: true if none was sent in the last
 * NOTICE_MINUTES (and now one is), false otherwise. One statement, so two requests at once
 * cannot both win.
 */
export async function claimNotice(sql: Sql, documentId: string, authorId: string) {
	const rows = await sql`
		insert into erfa_private.suggestion_notices as n (document_id, author_id, sent_at)
		values (${documentId}, ${authorId}, now())
		on conflict (document_id, author_id) do update set sent_at = now()
			where n.sent_at < now() - make_interval(mins => ${NOTICE_MINUTES})
		returning 1`;
	return rows.length > 0;
}
