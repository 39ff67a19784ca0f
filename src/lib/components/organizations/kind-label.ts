import { m } from '$lib/paraglide/messages.js';
import type { OrganizationKind } from '$lib/server/organizations';

const labels: Record<OrganizationKind, () => string> = {
	kommun: () => m.organizations_kind_kommun(),
	region: () => m.organizations_kind_region(),
	university: () => m.organizations_kind_university(),
	association: () => m.organizations_kind_association(),
	other: () => m.organizations_kind_other()
};

/** The kind of an organization in the reader's language. */
export function kindLabel(kind: OrganizationKind): string {
	return labels[kind]();
}
