// Browser-safe types: the shapes components receive from this domain.
import type { Locale } from '$lib/paraglide/runtime';

export interface SdgGoal {
	number: number;
	name: string;
	color: string;
}

export interface GoalOrganization {
	id: string;
	slug: string;
	name: string;
	kind: 'kommun' | 'region';
	county: string | null;
	experiences: number;
	documents: number;
	groups: number;
}

export interface SdgTarget {
	id: string;
	goal: number;
	/** The UN's English text: no official Swedish text is stored. */
	text: string;
}

/** A text and the language it is in, so the page can mark English text with lang="en". */
export interface Text {
	text: string;
	lang: Locale;
}

export interface Target extends Text {
	id: string;
}

export const linkTypes = ['group', 'experience', 'document', 'research'] as const;
export type LinkType = (typeof linkTypes)[number];

/** A goal page's filters, after validation (the server's filtersSchema produces them). */
export interface Filters {
	target?: string;
	municipality?: string;
	type?: LinkType;
}
