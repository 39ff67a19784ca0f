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

interface Membership {
	total: number;
	kommuner: number;
	regioner: number;
	counties: string[];
}

interface Step {
	key: 'verify' | 'title' | 'bio' | 'sdg';
	done: boolean;
}

async function membership(db: Db): Promise<Membership> {
	const { data, error } = await db
		.from('organizations')
		.select('kind, county')
		.eq('is_member', true);
	if (error) throw new Error(`organizations: ${error.message}`);
	const rows = data as { kind: string; county: string | null }[];
	const counties = [...new Set(rows.map((r) => r.county).filter((c): c is string => !!c))];
	return {
		total: rows.length,
		kommuner: rows.filter((r) => r.kind === 'kommun').length,
		regioner: rows.filter((r) => r.kind === 'region').length,
		counties: counties.sort(new Intl.Collator('sv').compare)
	};
}

interface Start {
	name: string;
	steps: Step[];
	/** The person hid the checklist, or it is all done: then it is not shown. */
	hidden: boolean;
}

async function gettingStarted(db: Db, userId: string): Promise<Start> {
	const [profile, account, dismissed] = await Promise.all([
		db.from('profiles').select('name, title, bio, sdg_interests').eq('id', userId).maybeSingle(),
		db.from('accounts').select('email_verified_at').eq('user_id', userId).maybeSingle(),
		home.checklistDismissed(db, userId)
	]);
	if (profile.error) throw new Error(`profiles: ${profile.error.message}`);
	if (account.error) throw new Error(`accounts: ${account.error.message}`);
	const p = profile.data as {
		name: string;
		title: string | null;
		bio: string | null;
		sdg_interests: number[];
	} | null;
	const filled = (v: string | null | undefined) => !!v && v.trim() !== '';
	const steps: Step[] = [
		{ key: 'verify', done: !!account.data?.email_verified_at },
		{ key: 'title', done: filled(p?.title) },
		{ key: 'bio', done: filled(p?.bio) },
		{ key: 'sdg', done: (p?.sdg_interests.length ?? 0) > 0 }
	];
	return { name: p?.name ?? '', steps, hidden: dismissed || steps.every((s) => s.done) };
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
	// (one small read), not for the rest of the page, so the page costs one round of requests.
	const interests = user ? home.sdgInterests(db, user.id) : Promise.resolve([]);
	const [members, start, theme, goals, mine, shown] = await Promise.all([
		membership(db),
		user ? gettingStarted(db, user.id) : null,
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
