// Browser-safe types: the shapes components receive from this domain.

export const activityKinds = ['experience', 'thread', 'reply', 'document'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** One thing that happened in a group: who did what, when, and where to read it. */
export interface ActivityItem {
	kind: ActivityKind;
	id: string;
	title: string;
	href: string;
	group: { slug: string; name: string };
	/** Null when the person's profile is gone or deactivated. */
	actor: { id: string; name: string } | null;
	at: string;
}

/** One piece of an organization's work: an experience, a group or a document. */
export interface WorkItem {
	id: string;
	title: string;
	group: { slug: string; name: string };
	at: string | null;
	/** How many of the organization's people take part in the group or wrote in the document. */
	people: number | null;
}

export interface OrganizationWork {
	experiences: WorkItem[];
	groups: WorkItem[];
	documents: WorkItem[];
}
