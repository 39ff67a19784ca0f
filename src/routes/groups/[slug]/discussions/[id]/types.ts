import type { PageData } from './$types';

// The shapes the thread page's components share, taken from what its load returns.

export type ThreadData = Extract<PageData, { restricted: false }>;
export type ThreadView = ThreadData['thread'];
export type ReplyView = ThreadView['replies'][number];
export type Can = ThreadData['can'];

/** What a failed action sent back, with the form it came from and the post it was about. */
export interface Failure {
	form: 'thread' | 'reply' | 'edit' | 'tools';
	target?: string;
	values?: Record<string, string | string[]>;
	errors?: Record<string, string>;
	message?: string;
}
