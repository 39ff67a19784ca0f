import { failed, type Role } from './rows.ts';
import type { Db } from '$lib/server/platform';

// Who belongs to a group and how people get in: joining an open group at once, asking to join
// a closed one (./join-requests.ts), invitations (./invitations.ts), roles and leaving. The
// database guarantees the hard rules (one pending request, one decision, a last coordinator);
// this module turns its answers into outcomes the pages can explain.

export interface Member {
	userId: string;
	name: string;
	title: string | null;
	organization: { name: string; slug: string } | null;
	role: Role;
	joinedAt: string;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });
const isLastCoordinator = (e: { hint?: string | null } | null) => e?.hint === 'last_coordinator';

/** Members the caller may see (none of a closed group they are not in): coordinators first. */
export async function members(db: Db, groupId: string): Promise<Member[]> {
	const { data, error } = await db
		.from('group_members')
		.select(
			'user_id, role, joined_at, profile:profiles(name, title, organization:organizations(name, slug))'
		)
		.eq('group_id', groupId);
	if (error) failed('memberships.members', error);
	return membersOf(data as unknown[]);
}

/** Membership rows with the profile embedded (as PostgREST and public.group_overview give them). */
export function membersOf(rows: unknown[]): Member[] {
	type Row = {
		user_id: string;
		role: Role;
		joined_at: string;
		profile: { name: string; title: string | null; organization: Member['organization'] } | null;
	};
	return (rows as Row[])
		.filter((r) => r.profile !== null)
		.map((r) => ({
			userId: r.user_id,
			name: r.profile!.name,
			title: r.profile!.title,
			organization: r.profile!.organization,
			role: r.role,
			joinedAt: r.joined_at
		}))
		.sort((a, b) =>
			a.role === b.role ? collator.compare(a.name, b.name) : a.role === 'coordinator' ? -1 : 1
		);
}

/** The caller's role in the group, or null. */
export async function roleOf(db: Db, groupId: string, userId: string): Promise<Role | null> {
	const { data, error } = await db
		.from('group_members')
		.select('role')
		.eq('group_id', groupId)
		.eq('user_id', userId)
		.maybeSingle();
	if (error) failed('memberships.roleOf', error);
	return (data as { role: Role } | null)?.role ?? null;
}

export type Joined = 'joined' | 'already_member' | 'not_open';

/** Joins an open group at once; a second press finds the membership already there. */
export async function join(db: Db, groupId: string, userId: string): Promise<Joined> {
	const { error } = await db
		.from('group_members')
		.insert({ group_id: groupId, user_id: userId, role: 'member' });
	if (error?.code === '23505') return 'already_member';
	if (error?.code === '42501') return 'not_open';
	if (error) failed('memberships.join', error);
	return 'joined';
}

export type Left = 'left' | 'last_coordinator' | 'not_member';

/** Leaves a group; the last coordinator must hand over first (the database refuses). */
export async function leave(db: Db, groupId: string, userId: string): Promise<Left> {
	const { data, error } = await db
		.from('group_members')
		.delete()
		.eq('group_id', groupId)
		.eq('user_id', userId)
		.select('user_id');
	if (isLastCoordinator(error)) return 'last_coordinator';
	if (error) failed('memberships.leave', error);
	return data.length > 0 ? 'left' : 'not_member';
}

export type RoleChanged = 'changed' | 'last_coordinator' | 'not_found';

/** Promotes or demotes a member (coordinators and administrators). */
export async function setRole(
	db: Db,
	input: { groupId: string; userId: string; role: Role }
): Promise<RoleChanged> {
	const { data, error } = await db
		.from('group_members')
		.update({ role: input.role })
		.eq('group_id', input.groupId)
		.eq('user_id', input.userId)
		.select('user_id');
	if (isLastCoordinator(error)) return 'last_coordinator';
	if (error?.code === '22P02') return 'not_found';
	if (error) failed('memberships.setRole', error);
	return data.length > 0 ? 'changed' : 'not_found';
}

export type Removed = 'removed' | 'last_coordinator' | 'not_found';

/** Removes someone from the group (coordinators and administrators). */
export async function remove(db: Db, input: { groupId: string; userId: string }): Promise<Removed> {
	const { data, error } = await db
		.from('group_members')
		.delete()
		.eq('group_id', input.groupId)
		.eq('user_id', input.userId)
		.select('user_id');
	if (isLastCoordinator(error)) return 'last_coordinator';
	if (error?.code === '22P02') return 'not_found';
	if (error) failed('memberships.remove', error);
	return data.length > 0 ? 'removed' : 'not_found';
}
