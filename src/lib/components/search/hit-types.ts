// The kinds of things search finds, in the order the facets list them. Shared by the server
// (which validates the `type` filter) and the browser (labels, facets).

export const hitTypes = [
	'experience',
	'document',
	'research',
	'thread',
	'reply',
	'group',
	'event',
	'organization',
	'person'
] as const;
export type HitType = (typeof hitTypes)[number];
