import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth';
import { offerUnreadFrom } from '$lib/server/notifications';
import * as groups from './groups.ts';
import { PAGE_OVERVIEW, toOverview, type Overview } from './overview.ts';
import type { Group, Role } from './rows.ts';

// What the signed-in person may do in one group. The group layout uses it, and so does every
// action below /groups/[slug] again: layout loads run beside actions, so no action may rely on
// what the layout found. Row-level security stays the last word on every read and write.

export interface GroupAccess {
	user: SessionUser;
	group: Group;
	role: Role | null;
	/** Coordinator of this group or administrator. */
	canModerate: boolean;
	/** May read the group's content: member, administrator, or an active open group. */
	canRead: boolean;
}

/** The signed-in person, or a redirect to log in and come back to this page. */
export function signedIn(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const { user } = event.locals;
	if (user) return user;
	// An action's URL ("?/join") is no place to come back to; its page is.
	redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
}

/** Loads the group by slug for the signed-in person: 404 when it does not exist or RLS hides it. */
export async function groupAccess(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	notFound = 'Not found'
): Promise<GroupAccess> {
	const user = signedIn(event);
	const db = event.locals.supabase;
	const found = await groups.bySlugWithRole(db, event.params.slug ?? '', user.id);
	if (!found) error(404, notFound);
	return rights(user, found.group, found.role);
}

/**
 * groupAccess for the group's pages (their layout): the same answer, and a member's visit is
 * recorded for the home page's "new since your last visit", all in one round trip
 * (public.group_page_open), which also counts the unread notifications for the header.
 * `withOverview`: the overview page's content (PAGE_OVERVIEW) is read in the same call and kept
 * for the page (pageOverview). Actions use groupAccess, which records nothing.
 */
export async function groupPageAccess(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	notFound = 'Not found',
	withOverview = false
): Promise<GroupAccess> {
	const user = signedIn(event);
	const db = event.locals.supabase;
	const asked = withOverview ? { ...PAGE_OVERVIEW, now: new Date() } : undefined;
	const opening = groups.openPage(db, event.params.slug ?? '', asked);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	offerUnreadFrom(event.locals, opening);
	const found = await opening;
	if (!found) error(404, notFound);
	const access = rights(user, found.group, found.role);
	if (asked && found.overview) {
		const { group, canRead } = access;
		overviews.set(event.locals, toOverview(db, group.id, canRead, asked.radarHits, found.overview));
	}
	return access;
}

// The overview read by the layout's call, per request (the request's locals).
const overviews = new WeakMap<object, Overview>();

/** The overview the group layout read with the group (PAGE_OVERVIEW), if it did. */
export const pageOverview = (locals: object): Overview | undefined => overviews.get(locals);

function rights(user: SessionUser, group: Group, role: Role | null): GroupAccess {
	const admin = user.role === 'admin';
	return {
		user,
		group,
		role,
		canModerate: admin || role === 'coordinator',
		canRead: admin || role !== null || (group.status === 'active' && group.visibility === 'open')
	};
}

/** Like groupAccess, but 403 unless the person coordinates the group or is an administrator. */
export async function moderatorAccess(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>
): Promise<GroupAccess> {
	const access = await groupAccess(event);
	if (!access.canModerate) error(403, 'Forbidden');
	return access;
}
