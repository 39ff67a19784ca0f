import { redirect } from '@sveltejs/kit';
import * as activity from '$lib/server/activity';
import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { plainText, type Db } from '$lib/server/platform';
import * as events from '$lib/server/events';
import * as home from '$lib/server/home';
import { library } from '$lib/server/documents';
import { inbox } from '$lib/server/notifications';

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

/** Shown to everyone: recent research, published tools and what is coming up. */
async function highlights(db: Db, goals: number[] | null) {
	const [research, tools, upcoming] = await Promise.all([
		home.recentResearch(db, goals, 4),
		library.list(db, { page: 1 }),
		events.upcoming(db, { page: 1 }, 3)
	]);
	return { research, tools: tools.items.slice(0, 4), events: upcoming };
}

/** Only for the signed-in person: their groups' news, documents and unread notifications. */
async function dashboard(db: Db, userId: string, sdgInterests: Promise<number[]>) {
	const [feed, groups, documents, notifications, interests] = await Promise.all([
		activity.inMyGroups(db),
		home.groupNews(db),
		home.myDocuments(db, userId),
		inbox.list(db, { unreadOnly: true }),
		sdgInterests
	]);
	return {
		feed,
		groups,
		documents,
		notifications: notifications.rows.slice(0, 5),
		unread: notifications.total,
		interests
	};
}

export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.supabase;
	const user = locals.user;
	// Every request starts at once: the highlights wait only for the person's goal interests
	// (one small read, with the checklist's state), not for the rest of the page.
	const begun = user ? home.start(db) : Promise.resolve(null);
	const interests = begun.then((b) => b?.sdgInterests ?? []);
	const [members, start, theme, goals, mine, shown] = await Promise.all([
		home.membership(db),
		user ? begun.then(gettingStarted) : null,
		themes.featured(db),
		agenda2030.goals(db, getLocale() === 'en' ? 'en' : 'sv'),
		user ? dashboard(db, user.id, interests) : null,
		interests.then((chosen) => highlights(db, chosen.length ? chosen : null))
	]);
	return {
		title: m.home_title(),
		members,
		theme: theme && { ...theme, summary: plainText(theme.description, 280) },
		goals,
		start: start && { ...start, name: start.name || user!.name },
		mine,
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
