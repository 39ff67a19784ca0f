// What the home page shows, as the page's components receive it (browser-safe).

export interface GroupNews {
	groupId: string;
	slug: string;
	name: string;
	role: 'member' | 'coordinator';
	seenAt: string;
	experiences: number;
	threads: number;
	replies: number;
	documents: number;
}

export interface MyDocument {
	id: string;
	title: string;
	status: 'draft' | 'review' | 'published';
	group: { slug: string; name: string } | null;
	lastEditedAt: string;
}
