import { sql, render, type Db } from '$lib/server/platform';
import { groupMembers, mentionedIds, type Member } from './mentions.ts';
import { emit, excerpt, type NotificationEvent } from '$lib/server/notifications';

// Who hears about a post. Notifications are privileged writes (one person's post notifies
// others), so they use `sql()`; emit() drops anyone who may not read the group, which is what
// keeps closed groups closed.

export interface GroupRef {
	id: string;
	slug: string;
}

export function threadLink(group: GroupRef, threadId: string, replyId?: string): string {
	const base = `/groups/${group.slug}/discussions/${threadId}`;
	return replyId ? `${base}#reply-${replyId}` : base;
}

// The post is saved before anyone is told; a failed notification must not turn a saved post
// into an error page (the person would post again).
async function send(event: NotificationEvent): Promise<void> {
	if (Array.isArray(event.to) && event.to.length === 0) return;
	try {
		await emit(sql(), event);
	} catch (error) {
		console.error('[discussions] notification failed', error);
	}
}

interface Announcement {
	group: GroupRef;
	actorId: string;
	title: string;
	link: string;
	body: string;
}

/** Members mentioned in the post (never its author) who were not mentioned in `before`. */
async function newMentions(db: Db, a: Announcement, before = '', known?: Member[]) {
	if (!a.body.includes('@')) return [];
	const members = known ?? (await groupMembers(db, a.group.id));
	const earlier = before.includes('@') ? new Set(mentionedIds(render(before), members)) : null;
	const ids = mentionedIds(render(a.body), members).filter(
		(id) => id !== a.actorId && !earlier?.has(id)
	);
	return members.filter((m) => ids.includes(m.id));
}

const event = (
	a: Announcement,
	kind: NotificationEvent['kind'],
	to: string[],
	passage = excerpt.opening(a.body)
): NotificationEvent => ({
	kind,
	groupId: a.group.id,
	actorId: a.actorId,
	title: a.title,
	params: passage ? { excerpt: passage } : {},
	link: a.link,
	to
});

// Each mentioned person reads the sentence that names them.
async function sendMentions(a: Announcement, mentioned: Member[]): Promise<string[]> {
	for (const member of mentioned)
		await send(event(a, 'mention', [member.id], excerpt.around(a.body, member.name)));
	return mentioned.map((m) => m.id);
}

/** A new thread: mentioned members hear of the mention, the rest of the group of the thread. */
export async function announceThread(db: Db, a: Announcement): Promise<void> {
	const members = await groupMembers(db, a.group.id);
	const mentioned = await sendMentions(a, await newMentions(db, a, '', members));
	const others = members.map((m) => m.id).filter((id) => !mentioned.includes(id));
	await send(event(a, 'thread_created', others));
}

/**
 * A new reply: mentioned members hear of the mention; the thread's author and the author of
 * the quoted reply hear of the reply. Nobody is told twice about one post: a mention wins.
 */
export async function announceReply(
	db: Db,
	a: Announcement,
	answered: (string | null)[]
): Promise<void> {
	const mentioned = await sendMentions(a, await newMentions(db, a));
	const others = [...new Set(answered)].filter(
		(id): id is string => id !== null && id !== a.actorId && !mentioned.includes(id)
	);
	await send(event(a, 'reply', others));
}

/** An edited post tells only the members it mentions now and did not mention before. */
export async function announceEdit(db: Db, a: Announcement, before: string): Promise<void> {
	await sendMentions(a, await newMentions(db, a, before));
}
