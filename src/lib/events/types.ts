// Browser-safe types: the shapes components receive from this domain.

export const kinds = ['seminar', 'workshop', 'conference', 'meeting', 'other'] as const;

export type Kind = (typeof kinds)[number];

export type Ref = { slug: string; name: string } | null;

export interface EventSummary {
	id: string;
	title: string;
	kind: Kind;
	startsAt: string;
	endsAt: string;
	location: string | null;
	onlineUrl: string | null;
	visibility: 'public' | 'members';
	sdgGoals: number[];
	group: Ref;
	organization: Ref;
}

export interface GroupChoice {
	id: string;
	slug: string;
	name: string;
}
