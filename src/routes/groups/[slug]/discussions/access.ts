import type { SessionUser } from '$lib/server/auth';
import type { Actor, GroupRef } from '$lib/server/discussions';

// What the group layout (/groups/[slug]/+layout.server.ts) hands the discussion pages, and what
// follows from it for showing things. Actions do not get the layout's data: they check again
// with groupAccess() from $lib/server/groups, and RLS decides in the end.

export interface GroupParent {
	group: {
		id: string;
		slug: string;
		name: string;
		visibility: 'open' | 'closed';
		status: string;
	};
	membership: { role: 'member' | 'coordinator' } | null;
	canModerate: boolean;
	canRead?: boolean;
}

export interface Rights {
	group: GroupRef & { name: string };
	/** May read the discussions: member, administrator, or anyone signed in to an open group. */
	canRead: boolean;
	/** May start threads and reply: members and administrators. */
	canPost: boolean;
	/** Coordinator of this group or administrator. */
	canModerate: boolean;
	actor: Actor;
}

export function rights(parent: unknown, user: SessionUser): Rights {
	const { group, membership, canModerate, canRead } = parent as GroupParent;
	const admin = user.role === 'admin';
	return {
		group: { id: group.id, slug: group.slug, name: group.name },
		canRead:
			canRead ??
			(admin ||
				membership !== null ||
				canModerate ||
				(group.visibility === 'open' && group.status === 'active')),
		canPost: admin || membership !== null,
		canModerate: admin || canModerate,
		actor: { id: user.id, isAdmin: admin }
	};
}

/** Where the discussions of a group live. */
export const discussionsPath = (slug: string) => `/groups/${slug}/discussions`;
