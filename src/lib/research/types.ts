// Browser-safe types: the shapes components receive from this domain.

export const researchTypes = ['article', 'report', 'thesis', 'project', 'dataset'] as const;

export type ResearchType = (typeof researchTypes)[number];

export type Ref = { id: string; slug: string; name: string } | null;

export interface ResearchSummary {
	id: string;
	title: string;
	year: number | null;
	type: ResearchType;
	language: string | null;
	goals: number[];
	targets: string[];
	visibility: 'public' | 'members';
	linkCount: number;
	institution: Ref;
	authors: string[];
	createdAt: string;
}

export interface SdgLink {
	id: string;
	goal: number;
	target: string | null;
	source: 'manual' | 'openalex' | 'keywords';
	confidence: number | null;
	status: 'suggested' | 'confirmed' | 'rejected';
	note: string;
	decidedBy: { id: string; name: string } | null;
}

export interface Research extends ResearchSummary {
	abstract: string;
	keywords: string[];
	doi: string | null;
	url: string | null;
	openAccessUrl: string | null;
	authorList: { name: string; orcid: string | null }[];
	sdg: SdgLink[];
	createdBy: string | null;
	updatedAt: string;
}

export interface Facets {
	total: number;
	goal: Record<string, number>;
	target: Record<string, number>;
	institution: Record<string, number>;
	year: Record<string, number>;
	type: Record<string, number>;
	language: Record<string, number>;
}

export type LinkStatus = 'proposed' | 'confirmed' | 'declined';

export interface ResearchLink {
	id: string;
	researchId: string;
	research: { id: string; title: string; year: number | null } | null;
	group: { id: string; slug: string; name: string } | null;
	experience: { id: string; title: string } | null;
	document: { id: string; title: string } | null;
	note: string;
	status: LinkStatus;
	proposedBy: string | null;
	createdAt: string;
}

export interface TargetChoice {
	value: string;
	label: string;
	group: string;
}

export interface ResearchFile {
	id: string;
	filename: string;
	sizeBytes: number;
	createdAt: string;
}

export interface ResearchComment {
	id: string;
	author: { id: string; name: string } | null;
	body: string;
	createdAt: string;
	deleted: boolean;
}

export interface AudienceHit {
	kind: 'group' | 'document';
	id: string;
	title: string;
	href: string;
	score: number;
	sharedGoals: number[];
	matchedWords: string[];
}

/** The research list's filters, after validation (the server's filtersSchema produces them). */
export interface Filters {
	goal?: number;
	target?: string;
	institution?: string;
	year?: number;
	type?: ResearchType;
	language?: string;
	sort: 'newest' | 'linked';
	page: number;
}
