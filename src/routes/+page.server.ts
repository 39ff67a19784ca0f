import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { plainText } from '$lib/server/markdown';
import { sdgGoals } from '$lib/server/profiles';
import type { Db } from '$lib/server/supabase';
import * as themes from '$lib/server/themes';
import type { PageServerLoad } from './$types';

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

async function gettingStarted(db: Db, userId: string): Promise<{ name: string; steps: Step[] }> {
	const [profile, account] = await Promise.all([
		db.from('profiles').select('name, title, bio, sdg_interests').eq('id', userId).maybeSingle(),
		db.from('accounts').select('email_verified_at').eq('user_id', userId).maybeSingle()
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
	return {
		name: p?.name ?? '',
		steps: [
			{ key: 'verify', done: !!account.data?.email_verified_at },
			{ key: 'title', done: filled(p?.title) },
			{ key: 'bio', done: filled(p?.bio) },
			{ key: 'sdg', done: (p?.sdg_interests.length ?? 0) > 0 }
		]
	};
}

export const load: PageServerLoad = async ({ locals }) => {
	const [members, start, theme, goals] = await Promise.all([
		membership(locals.supabase),
		locals.user ? gettingStarted(locals.supabase, locals.user.id) : null,
		themes.featured(locals.supabase),
		sdgGoals(locals.supabase, getLocale() === 'en' ? 'en' : 'sv')
	]);
	return {
		title: m.home_title(),
		members,
		theme: theme && { ...theme, summary: plainText(theme.description, 280) },
		goals,
		start: start && { ...start, name: start.name || locals.user!.name }
	};
};
