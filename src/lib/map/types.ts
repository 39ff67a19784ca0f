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
