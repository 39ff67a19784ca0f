import { m } from '$lib/paraglide/messages.js';
import type { OrganizationKind } from '$lib/organizations/kinds';

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

const groupLabels: Record<OrganizationKind, () => string> = {
	kommun: () => m.org_kind_kommun(),
	region: () => m.org_kind_region(),
	university: () => m.org_kind_university(),
	association: () => m.org_kind_association(),
	other: () => m.org_kind_other()
};

/** A heading for organizations of one kind ("Kommuner"), e.g. an optgroup label. */
export function kindGroupLabel(kind: OrganizationKind): string {
	return groupLabels[kind]();
}
