// A document's kinds and statuses (no UI text here: the collaboration server imports this too).

export const documentKinds = ['model', 'tool', 'process', 'minutes', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentStatuses = ['draft', 'review', 'published'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
