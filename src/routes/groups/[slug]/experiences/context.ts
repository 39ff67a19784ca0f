import type { SessionUser } from '$lib/server/auth';
import type { GroupAccess } from '$lib/server/groups';

// What the experience pages may show and do in one group. Loads get the group from the group
// layout (/groups/[slug]/+layout.server.ts) through `parent()`; actions cannot, so they call
// groupAccess() again. Row-level security decides in the end either way.

export interface GroupParent {
	group: { id: string; slug: string; name: string; visibility: 'open' | 'closed'; status: string };
	membership: { role: 'member' | 'coordinator' } | null;
	canModerate: boolean;
}

export interface Rights {
	group: GroupParent['group'];
	userId: string;
	/** May read the group's reports: member, administrator, or anyone signed in to an open group. */
	canRead: boolean;
	/** May write reports: members and administrators, while the group is active. */
	canCreate: boolean;
	/** Coordinator of this group or administrator. */
	canModerate: boolean;
}

function build(
	group: GroupParent['group'],
	member: boolean,
	canModerate: boolean,
	user: SessionUser
): Rights {
	const admin = user.role === 'admin';
	return {
		group,
		userId: user.id,
		canRead:
			admin || member || canModerate || (group.visibility === 'open' && group.status === 'active'),
		canCreate: (admin || member) && group.status === 'active',
		canModerate: admin || canModerate
	};
}

export function fromParent(parent: unknown, user: SessionUser): Rights {
	const { group, membership, canModerate } = parent as GroupParent;
	return build(group, membership !== null, canModerate, user);
}

export function fromAccess(access: GroupAccess): Rights {
	const { group } = access;
	const ref = {
		id: group.id,
		slug: group.slug,
		name: group.name,
		visibility: group.visibility,
		status: group.status
	};
	return build(ref, access.role !== null, access.canModerate, access.user);
}

/** Authors edit their own reports; coordinators and administrators edit all of the group's. */
export const canEdit = (rights: Rights, experience: { author: { id: string } | null }) =>
	rights.canModerate || experience.author?.id === rights.userId;

export const experiencesPath = (slug: string) => `/groups/${slug}/experiences`;
export const experiencePath = (slug: string, id: string) => `/groups/${slug}/experiences/${id}`;
