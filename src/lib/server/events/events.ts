import { z } from 'zod';
import type { SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/platform';
import {
	type Kind,
	type Mode,
	type Ref,
	type EventSummary,
	type GroupChoice,
	type Registration,
	kinds,
	modes
} from '../../events/types.ts';
export type { Kind, Mode, Ref, EventSummary, GroupChoice, Registration };
export { kinds, modes };

// Events: the association's seminars, workshops and yearly conference, and groups' own events.
// Every read and write goes through the caller's supabase client, so row-level security decides
// (public events signed out, members-only ones for members, a closed group's events for those
// who may read the group; administrators and the group's coordinators write).

export const PAGE_SIZE = 20;
export const UPCOMING_LIMIT = 100;

const ignore = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const filtersSchema = z.object({
	kind: ignore(z.enum(kinds)),
	goal: ignore(z.coerce.number().int().min(1).max(17)),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
export type Filters = z.output<typeof filtersSchema>;

/** Filters from a query string; anything unknown or malformed is ignored, never an error. */
export function filtersFrom(params: URLSearchParams): Filters {
	return filtersSchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== '')));
}

export interface Event extends EventSummary {
	description: string;
	address: string | null;
	themeId: string | null;
	theme: Ref;
	registration: Registration;
	registrationUrl: string | null;
	organizationId: string | null;
	groupId: string | null;
	/** Further groups behind the event (beyond `group`), those the reader may see. */
	groups: GroupChoice[];
	createdBy: string | null;
	updatedAt: string;
}

export interface EventInput {
	title: string;
	description: string;
	kind: Kind;
	mode: Mode;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	address: string | null;
	onlineUrl: string | null;
	themeId: string | null;
	registration: Omit<Registration, 'deadline'> & { deadline: Date | null };
	registrationUrl: string | null;
	organizationId: string | null;
	groupId: string | null;
	sdgGoals: number[];
	visibility: 'public' | 'members';
}

type Row = Record<string, unknown>;
const summaryColumns =
	'id, title, kind, mode, starts_at, ends_at, location, visibility, sdg_goals, ' +
	'group:groups(slug, name), organization:organizations(slug, name), online:event_online_links(url)';
const fullColumns =
	`${summaryColumns}, description, registration_url, organization_id, group_id, created_by, ` +
	'updated_at, address, theme_id, theme:themes(slug, name), registration_open, capacity, ' +
	'capacity_on_site, capacity_online, registration_deadline, ' +
	'linked:event_groups(group:groups(id, slug, name))';

/** A row of the summary columns (also inside public.home_dashboard) as an event summary. */
export const toSummary = (r: Row): EventSummary => ({
	id: r.id as string,
	title: r.title as string,
	kind: r.kind as Kind,
	mode: r.mode as Mode,
	startsAt: r.starts_at as string,
	endsAt: r.ends_at as string,
	location: r.location as string | null,
	onlineUrl: (r.online as { url: string } | null)?.url ?? null,
	visibility: r.visibility as EventSummary['visibility'],
	sdgGoals: (r.sdg_goals as number[]) ?? [],
	group: (r.group as Ref) ?? null,
	organization: (r.organization as Ref) ?? null
});

function failed(error: { message: string }): never {
	throw new Error(`events: ${error.message}`);
}

function filtered(db: Db, f: Filters, count = false) {
	let query = db.from('events').select(summaryColumns, count ? { count: 'exact' } : undefined);
	if (f.kind) query = query.eq('kind', f.kind);
	if (f.goal) query = query.contains('sdg_goals', [f.goal]);
	return query;
}

/** Events that have not ended yet (running ones too), the soonest first. */
export async function upcoming(
	db: Db,
	f: Filters = { page: 1 },
	limit = UPCOMING_LIMIT,
	now = new Date()
): Promise<EventSummary[]> {
	const { data, error } = await filtered(db, f)
		.gte('ends_at', now.toISOString())
		.order('starts_at')
		.order('id')
		.limit(limit);
	if (error) failed(error);
	return (data as unknown as Row[]).map(toSummary);
}

/** Events that have ended, the latest first, one page at a time. */
export async function past(
	db: Db,
	f: Filters = { page: 1 },
	now = new Date()
): Promise<{ items: EventSummary[]; total: number }> {
	const from = (f.page - 1) * PAGE_SIZE;
	const { data, count, error } = await filtered(db, f, true)
		.lt('ends_at', now.toISOString())
		.order('starts_at', { ascending: false })
		.order('id')
		.range(from, from + PAGE_SIZE - 1);
	if (error) failed(error);
	return { items: (data as unknown as Row[]).map(toSummary), total: count ?? 0 };
}

export async function get(db: Db, id: string): Promise<Event | null> {
	if (!z.uuid().safeParse(id).success) return null;
	const { data, error } = await db.from('events').select(fullColumns).eq('id', id).maybeSingle();
	if (error) failed(error);
	if (!data) return null;
	const r = data as unknown as Row;
	return {
		...toSummary(r),
		description: r.description as string,
		address: r.address as string | null,
		themeId: r.theme_id as string | null,
		theme: (r.theme as Ref) ?? null,
		registration: {
			open: r.registration_open as boolean,
			capacity: r.capacity as number | null,
			capacityOnSite: r.capacity_on_site as number | null,
			capacityOnline: r.capacity_online as number | null,
			deadline: r.registration_deadline as string | null
		},
		registrationUrl: r.registration_url as string | null,
		organizationId: r.organization_id as string | null,
		groupId: r.group_id as string | null,
		groups: ((r.linked as { group: GroupChoice | null }[]) ?? [])
			.flatMap((l) => (l.group ? [l.group] : []))
			.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
		createdBy: r.created_by as string | null,
		updatedAt: r.updated_at as string
	};
}

const toRow = (input: EventInput) => ({
	title: input.title,
	description: input.description,
	kind: input.kind,
	mode: input.mode,
	starts_at: input.startsAt.toISOString(),
	ends_at: input.endsAt.toISOString(),
	location: input.location,
	address: input.address,
	// Moved to event_online_links by a trigger before the row is stored (only its readers see it).
	online_url: input.onlineUrl,
	theme_id: input.themeId,
	registration_open: input.registration.open,
	capacity: input.registration.capacity,
	capacity_on_site: input.registration.capacityOnSite,
	capacity_online: input.registration.capacityOnline,
	registration_deadline: input.registration.deadline?.toISOString() ?? null,
	registration_url: input.registrationUrl,
	organization_id: input.organizationId,
	group_id: input.groupId,
	sdg_goals: input.sdgGoals,
	visibility: input.visibility
});

export type Saved = { ok: true; id: string } | { ok: false; reason: 'not_allowed' };

export async function create(db: Db, userId: string, input: EventInput): Promise<Saved> {
	const { data, error } = await db
		.from('events')
		.insert({ ...toRow(input), created_by: userId })
		.select('id')
		.single();
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }).id };
}

/** Saves the event; not_allowed when it does not exist for the caller or they may not edit it. */
export async function update(db: Db, id: string, input: EventInput): Promise<Saved> {
	const { data, error } = await db.from('events').update(toRow(input)).eq('id', id).select('id');
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	if (!data.length) return { ok: false, reason: 'not_allowed' };
	if (!input.onlineUrl) {
		const removed = await db.from('event_online_links').delete().eq('event_id', id);
		if (removed.error) failed(removed.error);
	}
	return { ok: true, id };
}

export async function remove(db: Db, id: string): Promise<boolean> {
	const { data, error } = await db.from('events').delete().eq('id', id).select('id');
	if (error) failed(error);
	return data.length > 0;
}

/** Groups the person may hold events for: all active ones for administrators, otherwise those
 * they coordinate. */
export async function organizerGroups(db: Db, user: SessionUser): Promise<GroupChoice[]> {
	if (user.role === 'admin') {
		const { data, error } = await db
			.from('groups')
			.select('id, slug, name')
			.eq('status', 'active')
			.order('name');
		if (error) failed(error);
		return data as GroupChoice[];
	}
	const { data, error } = await db
		.from('group_members')
		.select('group:groups!inner(id, slug, name)')
		.eq('user_id', user.id)
		.eq('role', 'coordinator');
	if (error) failed(error);
	const groups = (data as unknown as { group: GroupChoice }[]).map((r) => r.group);
	return groups.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** May the person create events at all (for one of `groups`, or any as administrator)? */
export const canCreate = (user: SessionUser | null, groups: GroupChoice[]): boolean =>
	user?.role === 'admin' || groups.length > 0;

/** May the person edit this event: administrators, and coordinators of the event's group. */
export const canEdit = (
	user: SessionUser | null,
	event: Pick<Event, 'groupId'>,
	groups: GroupChoice[]
): boolean =>
	user?.role === 'admin' || (event.groupId !== null && groups.some((g) => g.id === event.groupId));

/** Organizers see the participant list: administrators, the event's creator and the
 * coordinators of its lead group and of its further groups (`groups`: those the person
 * coordinates). */
export const isOrganizer = (
	user: SessionUser | null,
	event: Pick<Event, 'groupId' | 'createdBy' | 'groups'>,
	groups: GroupChoice[]
): boolean =>
	canEdit(user, event, groups) ||
	(!!user && event.createdBy === user.id) ||
	event.groups.some((linked) => groups.some((g) => g.id === linked.id));
