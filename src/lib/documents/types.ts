// Browser-safe types: the shapes components receive from this domain.

/** A Yjs item id, as Y.relativePositionToJSON writes it. */
export interface YId {
	client: number;
	clock: number;
}
/** Y.relativePositionToJSON's shape: a position inside a type (or a root type by name). */
export interface RelativePosition {
	type?: YId;
	tname?: string;
	item?: YId;
	assoc?: number;
}
/** Where a comment thread sits: two relative positions that follow the text as it changes. */
export interface Anchor {
	start: RelativePosition;
	end: RelativePosition;
}

export type Change = 'same' | 'added' | 'removed';

export interface DiffPart {
	change: Change;
	text: string;
}

export interface DiffBlock {
	change: Change | 'changed';
	parts: DiffPart[];
}

export type Ref = { id: string; name: string } | null;

export interface Comment {
	id: string;
	author: Ref;
	body: string;
	/** render(body) with mentions highlighted: the only HTML shown. */
	html: string;
	createdAt: string;
	editedAt: string | null;
}

export interface Thread extends Comment {
	anchor: Anchor;
	quote: string;
	resolvedAt: string | null;
	resolvedBy: Ref;
	replies: Comment[];
}
