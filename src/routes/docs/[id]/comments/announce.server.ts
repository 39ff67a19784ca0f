import { type Document, comments, suggestionThreads } from '$lib/server/documents';
import { groupMembers } from '$lib/server/discussions';
import { emit, excerpt, type NotificationEvent } from '$lib/server/notifications';
import { sql, type Db } from '$lib/server/platform';

// Who hears about a comment: the members it mentions (kind 'mention'), and, told once, the
// people it concerns (kind 'document_comment'): for a new thread those who write the document,
// for a reply those who wrote in the thread, and for either about a suggested change also the
// group's coordinators. emit() drops anyone who may not read the group.

export interface Announcement {
	document: Pick<Document, 'id' | 'groupId' | 'title' | 'createdBy'>;
	actorId: string;
	threadId: string;
	body: string;
	isReply: boolean;
	/** A comment in a thread about a suggested change: the document's editors and the group's
	 * coordinators are told too (they decide on it). */
	aboutSuggestion?: boolean;
}

// The comment is saved before anyone is told; a failed notification must not turn it into an
// error (the person would comment again).
async function send(event: NotificationEvent): Promise<void> {
	if (Array.isArray(event.to) && event.to.length === 0) return;
	try {
		await emit(sql(), event);
	} catch (error) {
		console.error('[comments] notification failed', error);
	}
}

export async function announce(db: Db, a: Announcement): Promise<void> {
	const members = await groupMembers(db, a.document.groupId);
	const mentioned = comments.mentioned(a.body, members).filter((id) => id !== a.actorId);
	const concerned = a.isReply
		? await comments.participants(db, a.document.id, a.threadId)
		: await comments.contributors(db, a.document.id, a.document.createdBy?.id ?? null);
	if (a.aboutSuggestion) concerned.push(...(await suggestionThreads.concerned(sql(), a.document)));
	const base = {
		groupId: a.document.groupId,
		actorId: a.actorId,
		title: a.document.title,
		link: `/docs/${a.document.id}#comment-${a.threadId}`
	};
	// Each mentioned person reads the sentence that names them; the others the comment's start.
	for (const member of members.filter((m) => mentioned.includes(m.id))) {
		const passage = excerpt.around(a.body, member.name);
		await send({ ...base, kind: 'mention', params: { excerpt: passage }, to: [member.id] });
	}
	const others = [...new Set(concerned)].filter(
		(id) => id !== a.actorId && !mentioned.includes(id)
	);
	const opening = excerpt.opening(a.body);
	await send({ ...base, kind: 'document_comment', params: { excerpt: opening }, to: others });
}
