import { m } from '$lib/paraglide/messages.js';

// After a post or change the page is reached again with `?done=<what>&post=<id>`, so that a
// reload never repeats the form; this says what to announce next to that post.

export const DONE = {
	thread: () => m.discussions_done_thread(),
	reply: () => m.discussions_done_reply(),
	duplicate: () => m.discussions_done_duplicate(),
	edited: () => m.discussions_done_edited(),
	deleted: () => m.discussions_done_deleted(),
	answer: () => m.discussions_done_answer(),
	unanswer: () => m.discussions_done_unanswer(),
	pinned: () => m.discussions_done_pinned(),
	unpinned: () => m.discussions_done_unpinned()
} as const;

export type Done = keyof typeof DONE;
