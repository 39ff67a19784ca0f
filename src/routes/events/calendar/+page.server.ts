import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { signedIn } from '$lib/server/groups';
import { sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// "Subscribe to my calendar": a secret feed address, shown once when made; a new one ends the
// old, and it can be turned off.
export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	return { title: m.meetings_feed_title(), active: await events.feed.exists(sql(), user.id) };
};

export const actions = {
	renew: async (event) => {
		const user = signedIn(event);
		const token = await events.feed.renew(sql(), user.id);
		return { feedUrl: `${event.url.origin}/events/feed/${token}.ics` };
	},
	revoke: async (event) => {
		const user = signedIn(event);
		await events.feed.revoke(sql(), user.id);
		return { revoked: true };
	}
} satisfies Actions;
