// Browser-safe types: the shapes components receive from this domain.

export interface Counts {
	experiences: number;
	documents: number;
	research: number;
	/** Published tools the organization records it uses ("Vi använder detta"). */
	uses: number;
	/** Active groups on the goal in which the organization's people take part. */
	groups: number;
	total: number;
}

/** A cell as it travels to the browser (pack.ts): 0 when empty, else its five counts. */
export type PackedCounts = 0 | [number, number, number, number, number];

/** A member municipality or region: a row of the map. */
export interface Place {
	id: string;
	slug: string;
	name: string;
	kind: 'kommun' | 'region';
}

/** A member municipality's or region's row of the map, as the places view gets it. */
export interface PackedRow {
	organization: Place;
	cells: PackedCounts[];
	total: number;
}

/** A county with what one view of the map shows of it: its own cells (the counties view) or
 * its places' rows (the places view); the other is empty. */
export interface PackedCounty {
	name: string;
	code: string | null;
	cells: PackedCounts[];
	rows: PackedRow[];
	total: number;
}

/** The map as one view of /map gets it. */
export interface PackedMap {
	counties: PackedCounty[];
	max: number;
	countyMax: number;
}
