import { redirect } from '@sveltejs/kit';
import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { plainText, type Db } from '$lib/server/platform';
import * as events from '$lib/server/events';
import * as home from '$lib/server/home';
import { library } from '$lib/server/documents';
import { offerUnreadFrom } from '$lib/server/notifications';

import { themes } from '$lib/server/groups';
import type { Actions, PageServerLoad } from './$types';

// The start page: what Erfa is for visitors, a "get started" checklist for members. Everything
// is read through locals.supabase, so it shows exactly what RLS lets this caller see.

interface Step {
	key: 'verify' | 'title' | 'bio' | 'sdg';
	done: boolean;
}

interface Start {
	name: string;
	steps: Step[];
	/** The person hid the checklist, or it is all done: then it is not shown. */
	hidden: boolean;
}

function gettingStarted(begun: home.StartState | null): Start {
	const filled = (v: string | null | undefined) => !!v && v.trim() !== '';
	const steps: Step[] = [
		{ key: 'verify', done: !!begun?.emailVerified },
		{ key: 'title', done: filled(begun?.title) },
		{ key: 'bio', done: filled(begun?.bio) },
		{ key: 'sdg', done: (begun?.sdgInterests.length ?? 0) > 0 }
	];
	return {
		name: begun?.name ?? '',
		steps,
		hidden: !!begun?.dismissed || steps.every((s) => s.done)
	};
}

/**
 * Shown to everyone: recent research (on the person's goals), published tools, what is coming.
 * A member's dashboard call reads them all; signed out, they are read here.
 */
async function highlights(db: Db, board: Promise<home.Dashboard> | null) {
	if (board) {
		const { research, tools, events: upcoming } = await board;
		return { research, tools, events: upcoming };
	}
	const [research, tools, upcoming] = await Promise.all([
		home.recentResearch(db, null, 4),
		library.newest(db, 4),
		events.upcoming(db, { page: 1 }, 3)
	]);
	return { research, tools, events: upcoming };
}

/** Only for the signed-in person: their groups' news, documents and unread notifications. */
function mine(board: home.Dashboard) {
	return {
		feed: board.feed,
		groups: board.news,
		documents: board.documents,
		notifications: board.notifications,
		unread: board.unread,
		interests: board.start?.sdgInterests ?? []
	};
}

export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.supabase;
	const user = locals.user;
	// A member's page is one call (home.dashboard), which also picks the research on their goals
	// and reads the tools and events shown to everyone; every call starts at once.
	const board = user ? home.dashboard(db) : null;
	// The header's unread badge comes from the same call (notifications/unread.ts).
	offerUnreadFrom(locals, board);
	const [members, theme, goals, own, shown] = await Promise.all([
		home.membership(db),
		themes.featured(db),
		agenda2030.goals(db, getLocale() === 'en' ? 'en' : 'sv'),
		board,
		highlights(db, board)
	]);
	const start = own && gettingStarted(own.start);
	return {
		title: m.home_title(),
		members,
		theme: theme && { ...theme, summary: plainText(theme.description, 280) },
		goals,
		start: start && { ...start, name: start.name || user!.name },
		mine: own && mine(own),
		highlights: shown
	};
};

export const actions = {
	// Works without JavaScript: a plain form post, then back to the page without the list.
	dismissChecklist: async ({ locals }) => {
		if (!locals.user) redirect(303, '/login');
		await home.dismissChecklist(locals.supabase, locals.user.id);
		return { dismissed: true };
	}
} satisfies Actions;
