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

/** What a block is, so a comparison shows it in its own form. */
export type BlockKind =
	'paragraph' | 'heading' | 'bullet' | 'ordered' | 'task' | 'row' | 'quote' | 'code' | 'callout';

export interface BlockShape {
	kind: BlockKind;
	/** A heading's level, or how deep a list item is nested (1 = not nested). */
	level: number;
	/** A checklist item: done or not. */
	checked?: boolean;
	/** A table row of header cells. */
	header?: boolean;
}

export interface DiffBlock extends Partial<BlockShape> {
	change: Change | 'changed';
	/** The block's text with its changes; for a table row, all cells (see `cells`). */
	parts: DiffPart[];
	/** A table row: each cell's text with its changes. */
	cells?: DiffPart[][];
	/** A checklist item ticked or unticked: how it was before. */
	checkedBefore?: boolean;
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
	/** The suggested change this thread is about, if it is about one. */
	suggestionId: string | null;
	resolvedAt: string | null;
	resolvedBy: Ref;
	replies: Comment[];
}
