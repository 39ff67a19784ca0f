// What the newsletter's pages and components need to know (browser-safe).

export const itemKinds = [
	'document',
	'experience',
	'research',
	'event',
	'documentation',
	'other'
] as const;
export type ItemKind = (typeof itemKinds)[number];

/** One entry of an issue: a suggestion the editor kept, or something written by hand. */
export interface NewsletterItem {
	kind: ItemKind;
	title: string;
	summary: string;
	/** Absolute or site-relative address; made absolute when the mail is rendered. */
	url: string;
}

export type IssueStatus = 'draft' | 'sending' | 'sent';

export interface Issue {
	id: string;
	subjectSv: string;
	subjectEn: string;
	/** Sanitized HTML from the rich-text editor. */
	introSv: string;
	introEn: string;
	items: NewsletterItem[];
	status: IssueStatus;
	createdAt: string;
	sentAt: string | null;
}

export interface SendProgress {
	queued: number;
	remaining: number;
}

/**
 * Who an issue is sent to: every subscriber, or a segment: subscribers who are members of one of
 * the organizations or counties, interested in one of the goals, or members of one of the
 * groups; public (non-member) subscribers only when `public` is chosen.
 */
export type Audience =
	| { all: true }
	| {
			all?: false;
			public: boolean;
			organizations: string[];
			counties: string[];
			goals: number[];
			groups: string[];
	  };

/** What the send form offers to choose from. */
export interface AudienceOptions {
	counties: { county: string; organizations: { id: string; name: string }[] }[];
	goals: { number: number; name: string }[];
	groups: { id: string; name: string }[];
}
