import type { Sql } from 'postgres';
import { z } from 'zod';
import {
	failed,
	fromRow,
	GROUP_COLUMNS,
	limits,
	VISIBILITIES,
	type Group,
	type GroupRow,
	type Role,
	type Visibility
} from './rows.ts';
import type { Db } from '$lib/server/platform';

// Erfa groups: finding them, proposing one, editing it. Every read and write goes through the
// caller's supabase-js client, so row-level security decides; closed groups show their name and
// description but not their members. The administrators' decisions on proposals live in
// ./decisions.ts and are re-exported here, so routes use `groups.decide(...)`.

export interface GroupSummary extends Group {
	/** null when the caller may not see who the members are (a closed group they are not in). */
	memberCount: number | null;
	/** The municipalities and regions the members work for; null as above. */
	municipalities: string[] | null;
	myRole: Role | null;
}

export interface Filters {
	theme?: string | null;
	sdg?: number | null;
	visibility?: Visibility | null;
	mine?: boolean;
}

export interface Viewer {
	id: string;
	admin: boolean;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });

interface Participation {
	member_count: number;
	municipalities: string[];
}

type ListRow = GroupRow & { mine: { role: Role }[]; participation: Participation[] };

/**
 * The groups with the caller's role and their members' count and municipalities, embedded in
 * one PostgREST call (issue 17: it was three): `mine` is the caller's own membership row,
 * `participation` the group_participation view (security invoker), as far as RLS shows them.
 */
function listQuery(db: Db, filters: Filters, viewer: Viewer) {
	const theme = filters.theme
		? 'theme:themes!inner(id, slug, name)'
		: 'theme:themes(id, slug, name)';
	const mine = filters.mine ? 'mine:group_members!inner(role)' : 'mine:group_members(role)';
	const columns = GROUP_COLUMNS.replace('theme:themes(id, slug, name)', theme);
	let query = db
		.from('groups')
		.select(`${columns}, ${mine}, participation:group_participation(member_count, municipalities)`)
		.eq('mine.user_id', viewer.id)
		.in('status', ['active', 'archived']);
	if (filters.theme) query = query.eq('theme.slug', filters.theme);
	if (filters.sdg) query = query.contains('sdg_goals', [filters.sdg]);
	if (filters.visibility) query = query.eq('visibility', filters.visibility);
	return query;
}

/** Active and archived groups, filtered; what the caller may not read about a group is null. */
export async function list(db: Db, filters: Filters, viewer: Viewer): Promise<GroupSummary[]> {
	const { data, error } = await listQuery(db, filters, viewer);
	if (error) failed('groups.list', error);
	return (data as unknown as ListRow[])
		.map(({ mine, participation, ...row }) => {
			const myRole = mine[0]?.role ?? null;
			const readable = row.visibility === 'open' || myRole !== null || viewer.admin;
			const p = participation[0];
			return {
				...fromRow(row),
				memberCount: readable ? (p?.member_count ?? 0) : null,
				// Sorted here: the database's C collation would put Å, Ä and Ö in the wrong order.
				municipalities: readable ? [...(p?.municipalities ?? [])].sort(collator.compare) : null,
				myRole
			};
		})
		.sort((a, b) => collator.compare(a.name, b.name));
}

/** A group by its slug, or null when it does not exist or RLS hides it from the caller. */
export async function bySlug(db: Db, slug: string): Promise<Group | null> {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
	const { data, error } = await db
		.from('groups')
		.select(GROUP_COLUMNS)
		.eq('slug', slug)
		.maybeSingle();
	if (error) failed('groups.bySlug', error);
	return data ? fromRow(data as unknown as GroupRow) : null;
}

/**
 * A group by its slug with the caller's role in it, in one call (issue 17: the group pages asked
 * for the group and then for the role); null when it does not exist or RLS hides it.
 */
export async function bySlugWithRole(
	db: Db,
	slug: string,
	userId: string
): Promise<{ group: Group; role: Role | null } | null> {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
	const { data, error } = await db
		.from('groups')
		.select(`${GROUP_COLUMNS}, mine:group_members(role)`)
		.eq('slug', slug)
		.eq('mine.user_id', userId)
		.maybeSingle();
	if (error) failed('groups.bySlugWithRole', error);
	if (!data) return null;
	const { mine, ...row } = data as unknown as GroupRow & { mine: { role: Role }[] };
	return { group: fromRow(row), role: mine[0]?.role ?? null };
}

/**
 * The group page's layout: the group, the caller's role, and a member's visit recorded, in one
 * call (public.group_page_open, security invoker); null when RLS hides the group.
 */
export async function openPage(
	db: Db,
	slug: string,
	overview?: { events: number; radarHits: number; now: Date }
): Promise<{
	group: Group;
	role: Role | null;
	unread: number;
	/** public.group_overview's answer, when asked for. */
	overview?: Record<string, unknown[] | null>;
} | null> {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
	const { data, error } = await db.rpc('group_page_open', {
		p_slug: slug,
		p_overview: overview
			? { events: overview.events, radar: overview.radarHits, now: overview.now.toISOString() }
			: null
	});
	if (error) failed('groups.openPage', error);
	if (!data) return null;
	const {
		role,
		unread,
		overview: read,
		...row
	} = data as GroupRow & {
		role: Role | null;
		unread: number;
		overview?: Record<string, unknown[] | null>;
	};
	return { group: fromRow(row), role, unread, overview: read };
}

/** The groups of one theme that the caller can see (none for anonymous visitors). */
export async function ofTheme(db: Db, themeId: string): Promise<Group[]> {
	const { data, error } = await db
		.from('groups')
		.select(GROUP_COLUMNS)
		.eq('theme_id', themeId)
		.in('status', ['active', 'archived']);
	if (error?.code === '42501') return [];
	if (error) failed('groups.ofTheme', error);
	return (data as unknown as GroupRow[])
		.map(fromRow)
		.sort((a, b) => collator.compare(a.name, b.name));
}

export interface GroupInput {
	name: string;
	description: string;
	themeId: string | null;
	sdgGoals: number[];
	visibility: Visibility;
}

const rules = z.object({
	name: z.string().trim().min(2).max(limits.name),
	description: z.string().max(limits.description),
	themeId: z.uuid().nullable(),
	sdgGoals: z.array(z.number().int().min(1).max(17)),
	visibility: z.enum(VISIBILITIES)
});

const toRow = (input: GroupInput) => ({
	name: input.name.trim(),
	description: input.description,
	theme_id: input.themeId,
	sdg_goals: [...new Set(input.sdgGoals)].sort((a, b) => a - b),
	visibility: input.visibility
});

export type Proposed =
	| { ok: true; group: Group }
	| { ok: false; reason: 'slug_taken' | 'unknown_theme' | 'forbidden' | 'invalid' };

/** Proposes a group; an administrator approves it before anyone else sees it. */
export async function propose(
	db: Db,
	proposerId: string,
	input: GroupInput & { slug: string }
): Promise<Proposed> {
	const slugOk = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug) && input.slug.length <= limits.slug;
	if (!slugOk || !rules.safeParse(input).success) return { ok: false, reason: 'invalid' };
	const { data, error } = await db
		.from('groups')
		.insert({ ...toRow(input), slug: input.slug, proposed_by: proposerId })
		.select(GROUP_COLUMNS)
		.single();
	if (error?.code === '23505') return { ok: false, reason: 'slug_taken' };
	if (error?.code === '23503') return { ok: false, reason: 'unknown_theme' };
	if (error?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (error) failed('groups.propose', error);
	return { ok: true, group: fromRow(data as unknown as GroupRow) };
}

export type Updated =
	{ ok: true } | { ok: false; reason: 'not_found' | 'unknown_theme' | 'invalid' };

/** Coordinators and administrators edit a group; "not_found" for anyone else. */
export async function update(db: Db, groupId: string, input: GroupInput): Promise<Updated> {
	if (!rules.safeParse(input).success) return { ok: false, reason: 'invalid' };
	const { data, error } = await db
		.from('groups')
		.update(toRow(input))
		.eq('id', groupId)
		.select('id');
	if (error?.code === '23503') return { ok: false, reason: 'unknown_theme' };
	if (error) failed('groups.update', error);
	return data.length > 0 ? { ok: true } : { ok: false, reason: 'not_found' };
}

export interface Coordinator {
	name: string;
	organization: string | null;
}

/**
 * The coordinators of an active group, for people who may not read its members (a closed
 * group they are not in): whom to ask is part of what the group shows everyone signed in.
 * Privileged because RLS hides a closed group's member rows; it returns names only.
 */
export async function coordinatorsOf(privileged: Sql, groupId: string): Promise<Coordinator[]> {
	const rows = await privileged<Coordinator[]>`
		select p.name, o.name as organization
		from public.group_members gm
		join public.groups g on g.id = gm.group_id and g.status in ('active', 'archived')
		join public.profiles p on p.id = gm.user_id and p.deactivated_at is null
		left join public.organizations o on o.id = p.organization_id
		where gm.group_id = ${groupId} and gm.role = 'coordinator'`;
	return [...rows].sort((a, b) => collator.compare(a.name, b.name));
}
