import { setImmediate as turn } from 'node:timers/promises';
import type { Db } from '$lib/server/platform';
import { unreadCount } from './inbox.ts';

// The header's unread badge is read by the root layout on every page (issue 17). A page whose
// own round trip already counts the caller's unread notifications (public.home_dashboard,
// public.document_page, public.group_page_open) offers that count for its request, and the
// layout takes it instead of asking PostgREST once more. Both are read in the same request
// under the caller's RLS, so the badge is as fresh as before.
//
// SvelteKit starts the layout's load and then the page's (and a group's layout) a few
// microtasks apart; a page offers before its first await, so by the next turn of the event
// loop every offer of the request is made. Whatever else happens (no offer, an offer that
// failed or found nothing), the layout reads the count itself: never a wrong badge, at worst
// the call that was made before.

const offers = new WeakMap<object, Promise<number | null>>();

/** Offers the count a page's own call reads; `request` is the request's `locals`. */
export function offerUnread(request: object, count: Promise<number | null | undefined>): void {
	offers.set(
		request,
		count.then(
			(n) => (typeof n === 'number' && Number.isFinite(n) ? n : null),
			() => null
		)
	);
}

/**
 * offerUnread for a page's own read whose answer carries the count (`unread`); null when the
 * page makes no such read (signed out).
 */
export function offerUnreadFrom(
	request: object,
	read: Promise<{ unread?: number | null } | null> | null
): void {
	if (read)
		offerUnread(
			request,
			read.then((r) => r?.unread)
		);
}

/** The caller's unread count for the header: the page's offer, or one call of its own. */
export async function headerUnread(request: object, db: Db): Promise<number> {
	await turn();
	const offered = offers.get(request);
	offers.delete(request);
	return (offered && (await offered)) ?? unreadCount(db);
}
