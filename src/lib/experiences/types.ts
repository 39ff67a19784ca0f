// Browser-safe types: the shapes components receive from this domain.

/** Allowed media types and the file extension each is saved with. */
export const allowedTypes = {
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp'
} as const;

export type MediaType = keyof typeof allowedTypes;

export interface Attachment {
	id: string;
	experienceId: string;
	filename: string;
	mediaType: MediaType;
	sizeBytes: number;
	createdAt: string;
}

export type Status = 'draft' | 'published';
export type Person = { id: string; name: string } | null;
/** A row as supabase-js returns it, before it is mapped to one of the shapes above. */
export type Row = Record<string, unknown>;

export interface ExperienceSummary {
	id: string;
	groupId: string;
	title: string;
	summary: string;
	status: Status;
	sharedWithAll: boolean;
	hidden: boolean;
	author: Person;
	organization: Person;
	periodStart: string | null;
	periodEnd: string | null;
	sdgGoals: number[];
	publishedAt: string | null;
	updatedAt: string;
}
