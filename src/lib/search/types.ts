// Browser-safe types: the shapes components receive from this domain.
import type { HitType } from '../components/search/hit-types.ts';

/** A search as the URL asks for it, after validation (the server's querySchema produces it). */
export interface Query {
	q: string;
	type?: HitType;
	goal?: number;
	organization?: string;
	theme?: string;
	year?: number;
	sort: 'relevance' | 'date';
	page: number;
}
export type Filters = Pick<Query, 'type' | 'goal' | 'organization' | 'theme' | 'year'>;

export interface Hit {
	type: HitType;
	id: string;
	title: string;
	/** Escaped text with <mark> around the matches: safe for {@html}. */
	snippetHtml: string;
	href: string;
	context: string | null;
	/** When it happened or changed; null for research, which shows its year instead. */
	date: string | null;
	/** Research: the year of publication, when the record has one. */
	year: number | null;
	goals: number[];
}

export interface Counted {
	id: string;
	name: string;
	count: number;
}

export interface Facets {
	total: number;
	/** More matches than were counted: `total` is a lower bound. */
	capped: boolean;
	type: Partial<Record<HitType, number>>;
	goal: Record<string, number>;
	year: Record<string, number>;
	organization: Counted[];
	theme: Counted[];
}

export interface Hints {
	correction: string | null;
	goals: number[];
}
