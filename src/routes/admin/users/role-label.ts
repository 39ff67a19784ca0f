import { m } from '$lib/paraglide/messages.js';
import type { Role } from '$lib/server/people';

/** The roles in the order administrators choose among them. */
export const ROLES: readonly Role[] = ['member', 'researcher', 'admin'];

const labels: Record<Role, () => string> = {
	member: () => m.admin_role_member(),
	researcher: () => m.admin_role_researcher(),
	admin: () => m.admin_role_admin()
};

export function roleLabel(role: Role): string {
	return labels[role]();
}
