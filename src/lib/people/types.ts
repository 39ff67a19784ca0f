// Browser-safe types: the shapes components receive from this domain.
import type { OrganizationKind } from '$lib/organizations/kinds';

export type Role = 'member' | 'researcher' | 'admin';

export interface Organization {
	id: string;
	slug: string;
	name: string;
	kind: OrganizationKind;
	county: string | null;
	countyCode: string | null;
	municipalityCode: string | null;
	isMember: boolean;
	bergslagsakademin: boolean;
	website: string | null;
}

export interface OrganizationGroup {
	kind: OrganizationKind;
	organizations: { id: string; name: string }[];
}
