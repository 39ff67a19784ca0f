// Browser-safe types: the shapes components receive from this domain.

export interface Counts {
	experiences: number;
	documents: number;
	research: number;
	total: number;
}
