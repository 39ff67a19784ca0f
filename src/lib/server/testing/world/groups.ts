import type { Sql } from 'postgres';
import { unique } from './unique.ts';

// Themes, groups and who belongs to them.

export type GroupRole = 'member' | 'coordinator';

export interface ThemeOverrides {
	slug?: string;
	name?: string;
	description?: string;
	startYear?: number;
	endYear?: number | null;
	sdgGoals?: number[];
	featured?: boolean;
}

export async function buildTheme(sql: Sql, overrides: ThemeOverrides = {}) {
	const slug = overrides.slug ?? `tema-${unique()}`;
	const name = overrides.name ?? `Tema ${slug}`;
	const [row] = await sql<{ id: string }[]>`
		insert into public.themes (slug, name, description, start_year, end_year, sdg_goals, featured)
		values (${slug}, ${name}, ${overrides.description ?? ''}, ${overrides.startYear ?? 2025},
			${overrides.endYear ?? null}, ${overrides.sdgGoals ?? []}, ${overrides.featured ?? false})
		returning id`;
	return { id: row!.id, slug, name };
}

export interface GroupOverrides {
	slug?: string;
	name?: string;
	visibility?: 'open' | 'closed';
	status?: 'proposed' | 'active' | 'declined' | 'archived';
	themeId?: string | null;
	sdgGoals?: number[];
	/** Members added with the group, as [userId, role]. */
	members?: [userId: string, role: GroupRole][];
}

export interface BuiltGroup {
	id: string;
	slug: string;
	name: string;
}

/** An active open group unless told otherwise, with its members. */
export async function buildGroup(sql: Sql, overrides: GroupOverrides = {}): Promise<BuiltGroup> {
	const slug = overrides.slug ?? `grupp-${unique()}`;
	const name = overrides.name ?? `Grupp ${slug}`;
	const [group] = await sql<{ id: string }[]>`
		insert into public.groups (slug, name, visibility, status, theme_id, sdg_goals)
		values (${slug}, ${name}, ${overrides.visibility ?? 'open'}, ${overrides.status ?? 'active'},
			${overrides.themeId ?? null}, ${overrides.sdgGoals ?? []})
		returning id`;
	for (const [userId, role] of overrides.members ?? []) {
		await buildMembership(sql, { groupId: group!.id, userId, role });
	}
	return { id: group!.id, slug, name };
}

export interface MembershipOverrides {
	groupId: string;
	userId: string;
	role?: GroupRole;
}

export async function buildMembership(sql: Sql, membership: MembershipOverrides) {
	const role = membership.role ?? 'member';
	await sql`insert into public.group_members (group_id, user_id, role)
		values (${membership.groupId}, ${membership.userId}, ${role})`;
	return { groupId: membership.groupId, userId: membership.userId, role };
}
