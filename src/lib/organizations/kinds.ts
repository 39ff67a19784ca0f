/** The kinds of organization, in the order lists show them. Shared by server and components. */
export const KINDS = ['kommun', 'region', 'university', 'association', 'other'] as const;
export type OrganizationKind = (typeof KINDS)[number];
