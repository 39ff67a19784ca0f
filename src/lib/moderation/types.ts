// Browser-safe types: the shapes components receive from this domain.

export const TARGET_TYPES = ['experience', 'thread', 'reply'] as const;

export type TargetType = (typeof TARGET_TYPES)[number];

export interface Target {
	type: TargetType;
	id: string;
}

export interface Content extends Target {
	groupId: string;
	groupSlug: string;
	groupName: string;
	authorId: string | null;
	authorName: string | null;
	/** The experience's or thread's title; for a reply, its thread's title. */
	title: string;
	excerpt: string;
	/** Site-relative link to the post. */
	link: string;
	hiddenAt: string | null;
	hiddenReason: string | null;
}

export interface QueuedReport {
	id: string;
	reason: string;
	createdAt: string;
	reporterName: string | null;
}

export interface QueueItem {
	target: Target;
	group: { id: string; slug: string; name: string };
	/** Null when the post no longer exists (its reports can still be dismissed). */
	content: Content | null;
	reports: QueuedReport[];
}
