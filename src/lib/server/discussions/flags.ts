import {
	refused,
	replyHead,
	threadHead,
	type Actor,
	type GroupRef,
	type Outcome
} from './posts.ts';
import { withLock, type Db } from '$lib/server/platform';

// Marking a reply as the answer (the thread's author or a coordinator) and pinning threads
// (coordinators). The guard trigger on threads and replies refuses the same (42501).

/** Coordinators of the group and administrators moderate it. */
export async function canModerate(db: Db, actor: Actor, groupId: string): Promise<boolean> {
	if (actor.isAdmin) return true;
	const { data, error } = await db
		.from('group_members')
		.select('role')
		.eq('group_id', groupId)
		.eq('user_id', actor.id)
		.maybeSingle();
	if (error) throw new Error(`group_members: ${error.message}`);
	return data?.role === 'coordinator';
}

async function setAnswer(db: Db, replyId: string, threadId: string): Promise<boolean> {
	const { data, error } = await db
		.from('replies')
		.update({ is_answer: true })
		.eq('id', replyId)
		.select('id');
	if (error?.code === '42501') return false;
	if (error) throw new Error(`replies: ${error.message}`);
	if (data.length === 0) return false;
	// One answer per thread: the earlier one steps down.
	const previous = await db
		.from('replies')
		.update({ is_answer: false })
		.eq('thread_id', threadId)
		.eq('is_answer', true)
		.neq('id', replyId);
	if (previous.error) throw new Error(`replies: ${previous.error.message}`);
	return true;
}

export interface AnswerChange {
	group: GroupRef;
	replyId: string;
	/** true marks the reply as the thread's answer, false takes the mark away. */
	answer: boolean;
}

/** Marks (or unmarks) a reply as the answer to its thread. */
export async function markAnswer(db: Db, actor: Actor, input: AnswerChange): Promise<Outcome> {
	const head = await replyHead(db, input.replyId);
	if (!head || head.thread.group_id !== input.group.id) return refused('not_found');
	if (input.answer && head.deleted_at) return refused('not_found');
	const allowed =
		head.thread.author_id === actor.id || (await canModerate(db, actor, input.group.id));
	if (!allowed) return refused('forbidden');
	// Two people marking different replies at once must still leave one answer.
	const done = await withLock(`erfa:answer:${head.thread_id}`, async () => {
		if (input.answer) return setAnswer(db, head.id, head.thread_id);
		const { data, error } = await db
			.from('replies')
			.update({ is_answer: false })
			.eq('id', head.id)
			.select('id');
		if (error?.code === '42501') return false;
		if (error) throw new Error(`replies: ${error.message}`);
		return data.length > 0;
	});
	return done ? { ok: true } : refused('forbidden');
}

export interface PinChange {
	group: GroupRef;
	threadId: string;
	pinned: boolean;
}

/** Pins a thread to the top of the list, or lets it go. */
export async function pin(db: Db, actor: Actor, input: PinChange): Promise<Outcome> {
	const head = await threadHead(db, input.threadId);
	if (!head || head.group_id !== input.group.id) return refused('not_found');
	if (!(await canModerate(db, actor, input.group.id))) return refused('forbidden');
	const { data, error } = await db
		.from('threads')
		.update({ pinned: input.pinned })
		.eq('id', head.id)
		.select('id');
	if (error?.code === '42501') return refused('forbidden');
	if (error) throw new Error(`threads: ${error.message}`);
	return data.length > 0 ? { ok: true } : refused('forbidden');
}
